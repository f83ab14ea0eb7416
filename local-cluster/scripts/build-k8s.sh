#!/usr/bin/env bash
# Builds kube-apiserver, kube-controller-manager and kube-scheduler from Debian's own `kubernetes`
# source package, once, into $WHEELHOUSE_HOME/k8s-<version>/. See docs/adr/0001-local-control-plane.md.
set -euo pipefail

K8S_VERSION=v1.20.2
HOME_DIR="${WHEELHOUSE_HOME:-$HOME/.cache/wheelhouse}"
OUT="$HOME_DIR/k8s-$K8S_VERSION"
BINS=(kube-apiserver kube-controller-manager kube-scheduler)

done_already=1
for b in "${BINS[@]}"; do [ -x "$OUT/$b" ] || done_already=0; done
if [ $done_already = 1 ]; then echo "$OUT"; exit 0; fi

mkdir -p "$HOME_DIR/src" "$OUT"
cd "$HOME_DIR/src"
if ! ls kubernetes_*.orig.tar.gz >/dev/null 2>&1; then
  echo "wheelhouse: downloading Debian's kubernetes source package" >&2
  apt-get source --download-only kubernetes >&2
fi
TARBALL=$(ls kubernetes_*.orig.tar.gz | head -1)
TREE="$HOME_DIR/src/tree"
if [ ! -f "$TREE/.wheelhouse-prepared" ]; then
  echo "wheelhouse: unpacking $TARBALL" >&2
  rm -rf "$TREE" && mkdir -p "$TREE"
  tar -xzf "$TARBALL" -C "$TREE" --strip-components=1
  # The vendored reflect2 1.0.1 faults under Go 1.19 on the first PATCH; Debian's 1.0.2 works.
  rm -rf "$TREE/vendor/github.com/modern-go/reflect2"
  cp -r /usr/share/gocode/src/github.com/modern-go/reflect2 "$TREE/vendor/github.com/modern-go/reflect2"
  rm -f "$TREE/vendor/github.com/modern-go/reflect2/go.mod"
  touch "$TREE/.wheelhouse-prepared"
fi

cd "$TREE"
mkdir -p .go/src/k8s.io
ln -sfn "$TREE" .go/src/k8s.io/kubernetes
export GOPATH="$TREE/.go" CGO_ENABLED=0 GO111MODULE=off GOFLAGS=
export GOCACHE="$HOME_DIR/go-build-cache"
cd .go/src/k8s.io/kubernetes
echo "wheelhouse: building ${BINS[*]} (about 5 min cold on 2 cores, 1.5 min warm)" >&2
start=$(date +%s)
# Progress: a dot every 15 s so a long build is visibly alive.
( while sleep 15; do printf '.' >&2; done ) & ticker=$!
trap 'kill $ticker 2>/dev/null || true' EXIT
make WHAT="cmd/kube-apiserver cmd/kube-controller-manager cmd/kube-scheduler" GOLDFLAGS="-s -w" \
  KUBE_BUILD_PLATFORMS=linux/amd64 > "$HOME_DIR/k8s-build.log" 2>&1 || {
  echo; echo "wheelhouse: build failed; last lines of $HOME_DIR/k8s-build.log:" >&2
  tail -30 "$HOME_DIR/k8s-build.log" >&2; exit 1; }
kill $ticker 2>/dev/null || true
echo >&2
for b in "${BINS[@]}"; do
  src=$(find _output -type f -name "$b" -perm -u+x | head -1)
  install -m 0755 "$src" "$OUT/$b"
done
echo "wheelhouse: built in $(( $(date +%s) - start )) s" >&2
echo "$OUT"
