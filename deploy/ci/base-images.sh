#!/usr/bin/env bash
# Builds, from Debian packages, the base images CI needs because it cannot pull any image:
#
#   sunshine-ci/jre17:bookworm            minbase + openjdk-17-jre-headless + curl (JRE of the
#                                          service images and the devstack; curl for healthchecks)
#   sunshine-ci/rabbitmq-rootfs:bookworm  minbase + rabbitmq-server (deploy/ci/rabbitmq builds on it)
#
# Each is a debootstrap root file system imported with `docker import`. An image that already
# exists is kept (that is the cache between CI runs); --rebuild makes them again.
#
#   deploy/ci/base-images.sh [--rebuild] [jre17] [rabbitmq]   both when none is named
#
# The package mirror is the machine's own, read from its apt sources at run time
# (/etc/apt/sources.list.d/*.sources `URIs:`, else /etc/apt/sources.list); SUNSHINE_APT_MIRROR
# overrides it. No mirror is written in this repository.
#
# Needs root, debootstrap and a running Docker engine (deploy/ci/docker-smoke.sh and
# deploy/ci/container-tests.sh see to both).

set -euo pipefail

SUITE="${SUNSHINE_DEBIAN_SUITE:-bookworm}"
JRE_IMAGE="sunshine-ci/jre17:$SUITE"
RABBIT_ROOTFS_IMAGE="sunshine-ci/rabbitmq-rootfs:$SUITE"
REBUILD=0
WANT_JRE=0
WANT_RABBIT=0
for arg in "$@"; do
  case "$arg" in
    --rebuild) REBUILD=1 ;;
    jre17) WANT_JRE=1 ;;
    rabbitmq) WANT_RABBIT=1 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "base-images.sh: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

say() { printf '==> [base-images] %s\n' "$*"; }

apt_mirror() { # the first non-security Debian archive URI in the machine's apt sources
  local uri="" f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    uri=$(awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }' "$f" | grep -v -- '-security' | head -n 1 || true)
    [[ -n $uri ]] && break
  done
  if [[ -z $uri && -f /etc/apt/sources.list ]]; then
    uri=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\//) { print $i; break } }' \
      /etc/apt/sources.list | grep -v -- '-security' | head -n 1 || true)
  fi
  printf '%s' "$uri"
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# build_rootfs IMAGE PACKAGES LABEL: debootstrap minbase with PACKAGES, imported as IMAGE.
build_rootfs() {
  local image=$1 packages=$2 label=$3 dir log start
  if [[ $REBUILD == 0 ]] && image_exists "$image"; then
    say "$image: cached ($(docker image inspect -f '{{.Created}}' "$image"))"
    return 0
  fi
  start=$SECONDS
  dir=$(mktemp -d "${TMPDIR:-/tmp}/sunshine-rootfs.XXXXXX")
  log="$dir.log"
  say "$image: debootstrap --variant=minbase --include=$packages $SUITE (log: $log)"
  if ! debootstrap --variant=minbase --include="$packages" "$SUITE" "$dir" "$MIRROR" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    rm -rf "$dir"
    echo "debootstrap of $image failed (see $log)" >&2
    return 1
  fi
  # No package caches or lists in the image.
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* "$dir"/var/log/*.log
  tar -C "$dir" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change "LABEL cn.sunshine.ci.base=$label cn.sunshine.ci.suite=$SUITE" \
    --change 'CMD ["/bin/bash"]' \
    - "$image" >/dev/null
  rm -rf "$dir" "$log"
  say "$image: built in $((SECONDS - start)) s"
}

if [[ $WANT_JRE == 0 && $WANT_RABBIT == 0 ]]; then WANT_JRE=1; WANT_RABBIT=1; fi
WANTED=()
[[ $WANT_JRE == 1 ]] && WANTED+=("$JRE_IMAGE")
[[ $WANT_RABBIT == 1 ]] && WANTED+=("$RABBIT_ROOTFS_IMAGE")

docker info >/dev/null 2>&1 || { echo "base-images.sh: the Docker engine is not running" >&2; exit 1; }

need=()
for image in "${WANTED[@]}"; do
  if [[ $REBUILD == 1 ]] || ! image_exists "$image"; then need+=("$image"); fi
done
if ((${#need[@]} > 0)); then
  command -v debootstrap >/dev/null 2>&1 || { echo "base-images.sh: debootstrap is not installed" >&2; exit 1; }
  MIRROR="${SUNSHINE_APT_MIRROR:-$(apt_mirror)}"
  [[ -n $MIRROR ]] || { echo "base-images.sh: no Debian mirror in the apt sources; set SUNSHINE_APT_MIRROR" >&2; exit 1; }
  say "mirror from the machine's apt sources: $MIRROR"
fi

# The two root file systems are independent: make them side by side (mostly downloads).
pids=()
if [[ $WANT_JRE == 1 ]]; then
  build_rootfs "$JRE_IMAGE" openjdk-17-jre-headless,curl,ca-certificates jre17 &
  pids+=($!)
fi
if [[ $WANT_RABBIT == 1 ]]; then
  build_rootfs "$RABBIT_ROOTFS_IMAGE" rabbitmq-server rabbitmq &
  pids+=($!)
fi
status=0
for pid in "${pids[@]}"; do
  wait "$pid" || status=1
done
exit $status
