#!/usr/bin/env bash
# How long the whole suite takes from `./run.sh --no-build` to all healthy, and how much memory its
# JVMs hold (the sum of their resident set sizes) when idle and after a small programme year:
#
#   flock /tmp/sunshine-ports.lock tools/suite-footprint.sh [--bench] [--cds] [--no-year] [--keep-data]
#
# Starts run.sh on a fresh data directory of its own (target/suite-footprint/; --keep-data keeps the
# last one), times it until it prints that the Sunshine Project is running (run.sh waits for every
# service's readiness, the gateway's last), waits 20 s and sums the RSS of every JVM run.sh started
# (devstack, the five services and the simulator, the console, the gateway), then plays the demo
# province's year through the gateway (tools/year-driver --demo) and sums again; then stops the suite.
# --bench: run.sh's benchmark mode; --cds: run.sh's class-data-sharing archives (the first run after
# a build makes them, and its time includes that; measure the second). Extra run.sh environment (SUNSHINE_JVM_ARGS, …) is passed on.
# Prints a table per JVM and the totals (docs/performance.md keeps them).

set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
ROOT="$(pwd)"
WORK="$ROOT/target/suite-footprint"
DRIVER_JAR="$ROOT/tools/year-driver/target/year-driver-0.1.0-SNAPSHOT-exec.jar"

RUN_ARGS=(--no-build)
YEAR=1
KEEP=0
for arg in "$@"; do
  case "$arg" in
    --bench) RUN_ARGS+=(--bench) ;;
    --cds) RUN_ARGS+=(--cds) ;;
    --no-year) YEAR=0 ;;
    --keep-data) KEEP=1 ;;
    *) echo "suite-footprint.sh: unknown argument '$arg' (--bench, --cds, --no-year, --keep-data)" >&2; exit 2 ;;
  esac
done

((KEEP)) || rm -rf "$WORK/data"
mkdir -p "$WORK/data" "$WORK/logs"
RUN_LOG="$WORK/run.log"

START_NS=$(date +%s%N)
SUNSHINE_DATA_DIR="$WORK/data" SUNSHINE_LOG_DIR="$WORK/logs" ./run.sh "${RUN_ARGS[@]}" >"$RUN_LOG" 2>&1 &
RUN_PID=$!
stop_suite() {
  if kill -0 "$RUN_PID" 2>/dev/null; then
    kill -TERM "$RUN_PID" 2>/dev/null
    wait "$RUN_PID" 2>/dev/null
  fi
}
trap stop_suite EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

until grep -q 'the Sunshine Project is running' "$RUN_LOG" 2>/dev/null; do
  if ! kill -0 "$RUN_PID" 2>/dev/null; then
    tail -n 30 "$RUN_LOG" >&2
    echo "suite-footprint.sh: run.sh stopped before the suite was running (see $RUN_LOG)" >&2
    exit 1
  fi
  sleep 0.2
done
HEALTHY_MS=$((($(date +%s%N) - START_NS) / 1000000))

# Each JVM's time from its start to ready, as run.sh logged it, and the Spring context's own figure.
printf '\n==> the suite is healthy after %d.%01d s (run.sh %s; load average %s)\n' $((HEALTHY_MS / 1000)) \
  $((HEALTHY_MS % 1000 / 100)) "${RUN_ARGS[*]}" "$(cut -d' ' -f1-3 /proc/loadavg)"
for log in "$WORK"/logs/*.log; do
  started=$(grep -ao 'Started [A-Za-z]* in [0-9.]* seconds (process running for [0-9.]*)' "$log" | tail -n 1)
  [[ -n $started ]] && printf '    %-28s %s\n' "$(basename "$log" .log)" "$started"
done

jvms() { # the java processes run.sh started (its children)
  pgrep -P "$RUN_PID" -x java
}

rss_table() { # label
  local total=0 pid name rss
  printf '\n%s\n| JVM | RSS MB |\n|---|---:|\n' "$1"
  for pid in $(jvms); do
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
    [[ -n $rss ]] || continue
    name=$(tr '\0' ' ' <"/proc/$pid/cmdline" | grep -o '[a-z-]*-0\.1\.0-SNAPSHOT\.jar' | sed 's/-0\.1\.0-SNAPSHOT\.jar//')
    printf '| %s | %d |\n' "${name:-java $pid}" $((rss / 1024))
    total=$((total + rss))
  done
  printf '| **total** | **%d** |\n' $((total / 1024))
}

sleep 20
rss_table "idle, 20 s after healthy:"

if ((YEAR)); then
  if [[ ! -f $DRIVER_JAR ]]; then
    echo "suite-footprint.sh: no $DRIVER_JAR; skipping the year" >&2
  else
    echo
    echo "==> playing the demo province's year through the gateway (tools/year-driver --demo) …"
    YEAR_START=$SECONDS
    java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m -jar "$DRIVER_JAR" --demo >"$WORK/year.log" 2>&1
    echo "    exit code $?, $((SECONDS - YEAR_START)) s; $(grep -E '^Checks:' "$WORK/year.log")"
    sleep 5
    rss_table "after the demo province's year (4 counties, 240 trainees):"
  fi
fi
