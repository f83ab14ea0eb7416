#!/usr/bin/env bash
# `npm run image`: the Wheelhouse image without a registry (these machines cannot pull base images).
# Builds FROM scratch with buildah: the standalone output (npm run build), the machine's own Node.js
# binary and the shared libraries it and better-sqlite3 link against, a passwd entry for uid 10001,
# /data (owned by 10001) and /tmp. The same runtime contract as the Dockerfile: uid 10001, WORKDIR
# /app, `node server.js` as PID 1, NEXT_MANUAL_SIG_HANDLE=true, /data the only writable directory.
# Where a registry is reachable, prefer the Dockerfile (`buildah bud` / `docker build`).
# Usage: bash scripts/image.sh [name:tag]   (default wheelhouse:<package.json version>); needs root.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
command -v buildah >/dev/null || { echo "wheelhouse: buildah is missing (apt-get install -y buildah)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "wheelhouse: run as root (buildah needs it to mount the image here)" >&2; exit 1; }

VERSION=$(node -p "require('./package.json').version")
TAG="${1:-wheelhouse:${VERSION}}"
DIST=.next-image
# vfs: works inside containers without overlayfs or fuse.
B=(buildah --storage-driver vfs)

WHEELHOUSE_DIST_DIR=$DIST npx next build
npx tsx e2e/support/standalone-server.ts --prepare-only --dist-dir "$DIST"

ctr=$("${B[@]}" from scratch)
trap '"${B[@]}" rm "$ctr" >/dev/null 2>&1 || true' EXIT
root=$("${B[@]}" mount "$ctr")

NODE=$(readlink -f "$(command -v node)")
mkdir -p "$root/usr/bin" "$root/app" "$root/data" "$root/tmp" "$root/etc"
cp "$NODE" "$root/usr/bin/node"
# Shared libraries of node and of every native module in the output, at their own paths.
{ ldd "$NODE"; find "$DIST/standalone" -name '*.node' -exec ldd {} \; ; } \
  | grep -o '/[^ ]*\.so[^ ]*' | sort -u | while read -r lib; do
      mkdir -p "$root$(dirname "$lib")"; cp -L "$lib" "$root$lib"
    done
cp -a "$DIST/standalone/." "$root/app/"
chown -R 0:0 "$root/app" && chmod -R go-w "$root/app"
printf 'root:x:0:0:root:/root:/sbin/nologin\nwheelhouse:x:10001:10001:wheelhouse:/data:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nwheelhouse:x:10001:\n' > "$root/etc/group"
[ -f /etc/ssl/certs/ca-certificates.crt ] && mkdir -p "$root/etc/ssl/certs" && cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
chown 10001:10001 "$root/data" && chmod 0700 "$root/data"
chmod 1777 "$root/tmp"
"${B[@]}" umount "$ctr" >/dev/null

"${B[@]}" config \
  --user 10001:10001 --workingdir /app --port 3000 --volume /data \
  --env NODE_ENV=production --env HOSTNAME=0.0.0.0 --env PORT=3000 --env NEXT_MANUAL_SIG_HANDLE=true \
  --env NEXT_TELEMETRY_DISABLED=1 --env WHEELHOUSE_DATA_DIR=/data --env HOME=/data \
  --entrypoint '["/usr/bin/node", "server.js"]' --cmd '' \
  --label org.opencontainers.image.title=wheelhouse --label "org.opencontainers.image.version=${VERSION}" \
  "$ctr"
"${B[@]}" commit --rm "$ctr" "$TAG" >/dev/null
trap - EXIT
"${B[@]}" images --format '{{.Name}}:{{.Tag}} {{.Size}}' | grep -F "${TAG%%:*}" || true
echo "wheelhouse: built $TAG (storage driver vfs). Export: buildah --storage-driver vfs push $TAG oci-archive:wheelhouse.tar"
