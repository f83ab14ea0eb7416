#!/usr/bin/env bash
# Installs the Debian packages Wheelhouse needs on a fresh machine (idempotent).
# As root: apt-get installs what is missing. Otherwise: names the missing packages and exits 1.
set -euo pipefail

PKGS=(etcd-server golang-go rsync golang-github-modern-go-reflect2-dev prometheus chromium
      postgresql openssl ca-certificates dpkg-dev
      haproxy) # haproxy: the balancer of the two-replica e2e test (e2e/support/haproxy.ts)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# kubectl: the image may ship one (google-cloud-cli's kubectl); Debian's kubernetes-client conflicts with it.
command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
# deploy/ uses Kustomize components and `labels` (Kustomize v4+, kubectl 1.21+). Debian's kubectl 1.20
# bundles Kustomize v2: the deploy tests then fail; install a current kubectl (docs/operations.md).
if command -v kubectl >/dev/null 2>&1; then
  kz=$(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\([0-9]*\).*/\1/p')
  [ "${kz:-0}" -ge 4 ] || echo "wheelhouse: kubectl's Kustomize is older than v4; deploy/ needs kubectl 1.21 or later" >&2
fi

have_debsrc() { grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ || grep -qs '^deb-src' /etc/apt/sources.list; }

if [ ${#missing[@]} -eq 0 ] && have_debsrc; then
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "wheelhouse: missing Debian packages: ${missing[*]:-(none)}" >&2
  have_debsrc || echo "wheelhouse: also missing a deb-src entry for bookworm main (needed to fetch the kubernetes source)" >&2
  echo "wheelhouse: run as root, or: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

if ! have_debsrc; then
  echo "wheelhouse: adding a deb-src entry for Debian bookworm main"
  cat > /etc/apt/sources.list.d/wheelhouse-src.sources <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi

echo "wheelhouse: apt-get install ${missing[*]:-}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# Debian starts services on install; our cluster runs its own processes on its own ports.
for svc in prometheus etcd postgresql prometheus-node-exporter haproxy; do
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now "$svc" >/dev/null 2>&1 || true; fi
  service "$svc" stop >/dev/null 2>&1 || true
done
