#!/usr/bin/env bash
# Direct vs through the gateway, side by side, on a suite this script starts and stops itself:
#
#   flock /tmp/sunshine-ports.lock tools/gateway-bench/bench.sh [--bench] [-- gateway-bench options]
#
# Starts ./run.sh --no-build (the jars must be built: ./mvnw -B -q -DskipTests package), with the
# gateway's per-caller limits raised so that the figures measure the gateway rather than its limiter,
# data and logs of its own (target/gateway-bench/), waits until the suite is running, runs
# tools/gateway-bench (options after --, e.g. -- --routes read --connections 8), and stops the suite.
# --bench: run.sh's benchmark mode (full JIT, larger heaps) instead of its default flags.
# --keep-data: the data of the last run (by default each run starts on an empty one).
# GWBENCH_JFR=name: also record the gateway and the services with JFR while the driver runs
# (target/gateway-bench/<name>-<service>.jfr). See docs/performance.md.

set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
ROOT="$(pwd)"
WORK="$ROOT/target/gateway-bench"
BENCH_JAR="$ROOT/tools/gateway-bench/target/gateway-bench-0.1.0-SNAPSHOT-exec.jar"

RUN_ARGS=(--no-build)
KEEP=0
while (($# > 0)); do
  case "$1" in
    --bench) RUN_ARGS+=(--bench); shift ;;
    --keep-data) KEEP=1; shift ;;
    --) shift; break ;;
    *) echo "bench.sh: unknown argument '$1' (--bench, --keep-data, then -- and gateway-bench's options)" >&2; exit 2 ;;
  esac
done
[[ -f $BENCH_JAR ]] || { echo "bench.sh: $BENCH_JAR is missing; build it (./mvnw -B -q -pl tools/gateway-bench -am -DskipTests package)" >&2; exit 1; }

# A fresh data directory each run (the fixtures take seconds); --keep-data keeps the last one.
((KEEP)) || rm -rf "$WORK/data"
mkdir -p "$WORK/logs" "$WORK/data"
RUN_LOG="$WORK/run.log"
SUNSHINE_DATA_DIR="$WORK/data" SUNSHINE_LOG_DIR="$WORK/logs" \
  SUNSHINE_SERVICE_ARGS="${SUNSHINE_SERVICE_ARGS:-} --sunshine.gateway.rate-limit.rate=1000000 --sunshine.gateway.rate-limit.burst=2000000 --sunshine.gateway.rate-limit.anonymous-rate=1000000 --sunshine.gateway.rate-limit.anonymous-burst=2000000" \
  ./run.sh "${RUN_ARGS[@]}" >"$RUN_LOG" 2>&1 &
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

START=$SECONDS
until grep -q 'the Sunshine Project is running' "$RUN_LOG" 2>/dev/null; do
  if ! kill -0 "$RUN_PID" 2>/dev/null; then
    tail -n 30 "$RUN_LOG" >&2
    echo "bench.sh: run.sh stopped before the suite was running (see $RUN_LOG)" >&2
    exit 1
  fi
  if ((SECONDS - START > 600)); then
    echo "bench.sh: the suite was not running after 10 minutes (see $RUN_LOG)" >&2
    exit 1
  fi
  sleep 1
done
echo "==> the suite is running ($((SECONDS - START)) s; run.sh ${RUN_ARGS[*]}; log $RUN_LOG)"

PIDS_OF=()
if [[ -n ${GWBENCH_JFR:-} ]]; then
  for port in 8080 8081 8082; do
    pid=$(ss -ltnpH "sport = :$port" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1)
    [[ -n $pid ]] || continue
    jcmd "$pid" JFR.start name=gwbench settings=profile filename="$WORK/${GWBENCH_JFR}-$port.jfr" >/dev/null &&
      PIDS_OF+=("$pid:$port")
  done
  echo "==> recording with JFR: ${PIDS_OF[*]}"
fi

java -XX:+UseSerialGC -Xmx512m -jar "$BENCH_JAR" "$@"
STATUS=$?

for entry in ${PIDS_OF[@]+"${PIDS_OF[@]}"}; do
  jcmd "${entry%%:*}" JFR.stop name=gwbench >/dev/null && echo "==> $WORK/${GWBENCH_JFR}-${entry##*:}.jfr"
done
exit $STATUS
