#!/usr/bin/env bash
# Runs one test (or test class) of one module N times in a row, each run in a JVM of its own (a fresh
# embedded store and broker names), and stops at the first failure. For flaky-test hunts: the quota
# concurrency test of issue 16 is the default.
#
#   tools/repeat-test.sh                      # 30 runs of the quota concurrency test
#   tools/repeat-test.sh -n 10 -m enrollment-service -t 'EnrollmentTest'
#   SUNSHINE_TEST_RABBIT_PORT=5999 tools/repeat-test.sh   # the same against the embedded broker
#
# The module and what it depends on are compiled once (offline, -o); each run is then the `test`
# phase with -Dtest (nothing left to compile: only that test runs). Prints each run's time and the
# total; exit status 1 at the first failure (its output in <module>/target/repeat-test.log).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=30
module=base-accreditation-service
test='QuotaAndAgreementTest#twentyConcurrentAllocationsNeverOverAllocateACountysQuota'
while getopts "n:m:t:" opt; do
  case "$opt" in
    n) runs=$OPTARG ;;
    m) module=$OPTARG ;;
    t) test=$OPTARG ;;
    *) echo "usage: $0 [-n runs] [-m module] [-t Test[#method]]" >&2; exit 2 ;;
  esac
done

echo "repeat-test: compiling $module and what it depends on"
./mvnw -B -o -q test-compile -pl "$module" -am

log="$module/target/repeat-test.log"
started=$(date +%s)
for i in $(seq "$runs"); do
  t0=$(date +%s)
  if ./mvnw -B -o -q test -pl "$module" -am -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
      > "$log" 2>&1; then
    echo "repeat-test: run $i/$runs passed ($(( $(date +%s) - t0 )) s)"
  else
    echo "repeat-test: run $i/$runs FAILED after $(( $(date +%s) - t0 )) s; the output:" >&2
    tail -60 "$log" >&2
    exit 1
  fi
done
total=$(( $(date +%s) - started ))
rm -f "$log"
echo "repeat-test: $runs/$runs runs of $test in $module passed in ${total} s ($(( total / runs )) s a run)"
