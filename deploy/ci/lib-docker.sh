# Shared by the CI scripts that need a Docker engine (docker-smoke.sh, container-tests.sh).
# Source it; it defines functions and variables and runs nothing:
#
#   docker_install_missing CMD=PKG ...  installs Debian's PKG for every CMD not on the PATH (root)
#   docker_engine_start LOG             uses the engine that answers `docker info`; otherwise starts
#                                       dockerd in the background (output to LOG) and waits for it
#   docker_engine_stop                  stops the dockerd that docker_engine_start started, by its
#                                       pid, and nothing else (an engine found running is left alone)
#   DOCKERD_PID                         that pid, empty when the engine was already there
#   phase NAME / print_timings          wall-clock timings of the caller's phases (below)
#
# The functions print with the caller's say() if there is one and return non-zero on failure (the
# caller decides whether to stop: `docker_engine_start "$log" || fail "no Docker engine"`).

DOCKERD_PID=""

_lib_docker_say() {
  if declare -F say >/dev/null; then say "$@"; else printf '==> %s\n' "$*"; fi
}

# docker_install_missing dockerd=docker.io docker-compose=docker-compose debootstrap=debootstrap ...
docker_install_missing() {
  local pair missing=() log
  for pair in "$@"; do
    command -v "${pair%%=*}" >/dev/null 2>&1 || missing+=("${pair#*=}")
  done
  ((${#missing[@]} == 0)) && return 0
  if [[ $(id -u) != 0 ]]; then
    echo "missing ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root" >&2
    return 1
  fi
  _lib_docker_say "installing ${missing[*]} from Debian's packages"
  log=$(mktemp "${TMPDIR:-/tmp}/sunshine-apt.XXXXXX")
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get update -qq >"$log" 2>&1; then cat "$log" >&2; echo "apt-get update failed" >&2; return 1; fi
  if ! apt-get install -y -qq "${missing[@]}" >>"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "apt-get install ${missing[*]} failed (log: $log)" >&2
    return 1
  fi
  rm -f "$log"
}

# docker_engine_start LOG: 0 once `docker info` answers (sets DOCKERD_PID if it started dockerd).
docker_engine_start() {
  local log=${1:-/dev/null} i
  if docker info >/dev/null 2>&1; then
    _lib_docker_say "an engine already runs; using it (and leaving it running)"
    return 0
  fi
  command -v dockerd >/dev/null 2>&1 || { echo "no Docker engine answers and dockerd is not installed (docker.io)" >&2; return 1; }
  dockerd >"$log" 2>&1 &
  DOCKERD_PID=$!
  _lib_docker_say "started dockerd (pid $DOCKERD_PID, log $log)"
  for ((i = 0; ; i++)); do
    docker info >/dev/null 2>&1 && break
    if ! kill -0 "$DOCKERD_PID" 2>/dev/null; then
      tail -n 30 "$log" >&2
      echo "dockerd exited" >&2
      wait "$DOCKERD_PID" 2>/dev/null || true
      DOCKERD_PID=""
      return 1
    fi
    if ((i >= 120)); then
      tail -n 30 "$log" >&2
      echo "dockerd not answering after 60 s" >&2
      return 1    # DOCKERD_PID stays set: docker_engine_stop still stops it
    fi
    sleep 0.5
  done
}

# docker_engine_stop: stops the dockerd of docker_engine_start (TERM, up to 30 s, then KILL).
docker_engine_stop() {
  [[ -n $DOCKERD_PID ]] || return 0
  local i
  kill -TERM "$DOCKERD_PID" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    kill -0 "$DOCKERD_PID" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$DOCKERD_PID" 2>/dev/null; then
    _lib_docker_say "dockerd did not stop in 30 s; killing it"
    kill -KILL "$DOCKERD_PID" 2>/dev/null || true
  fi
  wait "$DOCKERD_PID" 2>/dev/null || true
  DOCKERD_PID=""
}

# Wall-clock timings of a script's phases: `phase NAME` ends the running phase and starts the next
# (printing NAME with say), `phase ""` ends the last, `print_timings` prints every phase and the
# total since T0 (the caller's EPOCHREALTIME at its start).
PHASE_NAMES=()
PHASE_SECS=()
PHASE_NAME=""
PHASE_START=""
secs_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
phase() {
  if [[ -n $PHASE_NAME ]]; then PHASE_NAMES+=("$PHASE_NAME"); PHASE_SECS+=("$(secs_since "$PHASE_START")"); fi
  PHASE_NAME=$1
  PHASE_START=$EPOCHREALTIME
  [[ -n $1 ]] && _lib_docker_say "$1"
  return 0
}
print_timings() {
  phase ""
  echo "==> timings (wall clock, seconds)"
  local i
  for i in "${!PHASE_NAMES[@]}"; do
    printf '    %-46s %7s\n' "${PHASE_NAMES[i]}" "${PHASE_SECS[i]}"
  done
  printf '    %-46s %7s\n' "total" "$(secs_since "$T0")"
}
