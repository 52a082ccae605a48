#!/usr/bin/env bash
# CI's proof that the images and docker-compose.yml work: builds everything locally (no image
# can be pulled in CI), runs the whole suite in containers and drives it through the gateway.
#
#   deploy/ci/docker-smoke.sh              build the jars (offline), then everything else
#   deploy/ci/docker-smoke.sh --no-build   use the jars already in */target
#   deploy/ci/docker-smoke.sh --rebuild-base-images   make the debootstrap base images again
#
# Steps (each timed; the timings are printed at the end, also on failure):
#   1. installs Debian's docker.io, docker-compose, debootstrap and curl if missing (root);
#   2. starts dockerd in the background unless an engine already answers (only one it started
#      is stopped again, by its pid);
#   3. builds the base images with debootstrap from the machine's own apt mirror, or keeps
#      them if they exist (deploy/ci/base-images.sh);
#   4. builds the jars (./mvnw -B -o -q -DskipTests package ... -am);
#   5. checks docker-compose.yml offline (docker-compose config -q), alone and with the CI
#      override deploy/ci/docker-compose.ci.yml;
#   6. builds the service images from the Dockerfile with BASE_IMAGE=sunshine-ci/jre17:bookworm;
#   7. `up -d` with the override, waits until every container is healthy;
#   8. smoke test through the gateway on 127.0.0.1: a county officer's token from the devstack
#      issuer, POST /api/accreditation/bases, then the base at /api/enrollment/bases/{id} (it
#      got there as an event through RabbitMQ); no token -> 401; the containers run as non-root;
#   9. tears down: compose down -v (containers, network, volumes), dangling images it made.
# All traffic goes to 127.0.0.1. Images are kept so that the next run is warm.
# Environment: SUNSHINE_SMOKE_TIMEOUT (s, default 300) for the suite to become healthy,
# SUNSHINE_SMOKE_GATEWAY_PORT / SUNSHINE_SMOKE_ISSUER_PORT (127.0.0.1 ports published for the
# gateway and the token issuer, default 8080 / 9000), SUNSHINE_APT_MIRROR to override the
# mirror read from the apt sources.

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)
# shellcheck source=lib-docker.sh
. deploy/ci/lib-docker.sh   # docker_install_missing, docker_engine_start/stop, DOCKERD_PID

BUILD=1
BASE_ARGS=()
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    --rebuild-base-images) BASE_ARGS+=(--rebuild) ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "docker-smoke.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

VERSION=0.1.0-SNAPSHOT
MODULES=(base-accreditation-service enrollment-service subsidy-service placement-service gateway tools/devstack)
PROJECT=sunshine-ci
COMPOSE_FILES=(-f docker-compose.yml -f deploy/ci/docker-compose.ci.yml)
GATEWAY_PORT="${SUNSHINE_SMOKE_GATEWAY_PORT:-8080}"
ISSUER_PORT="${SUNSHINE_SMOKE_ISSUER_PORT:-9000}"
HEALTH_TIMEOUT="${SUNSHINE_SMOKE_TIMEOUT:-300}"
export SUNSHINE_BASE_IMAGE=sunshine-ci/jre17:bookworm
export SUNSHINE_GATEWAY_PORT=$GATEWAY_PORT SUNSHINE_CI_ISSUER_PORT=$ISSUER_PORT
export SUNSHINE_RABBITMQ_UI_PORT=   # empty: a random port on 127.0.0.1, never a clash with the machine's broker
LOG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sunshine-docker-smoke.XXXXXX")

say()  { printf '==> %s\n' "$*"; }
fail() { printf '==> FAILED: %s\n' "$*" >&2; exit 1; }

# ---- timings -----------------------------------------------------------------------------------
T0=$EPOCHREALTIME

# ---- clean-up: only what this script started --------------------------------------------------
COMPOSE_UP=0
compose() { docker-compose -p "$PROJECT" "${COMPOSE_FILES[@]}" "$@"; }

cleanup() {
  local rc=$?
  trap '' INT TERM
  if [[ $COMPOSE_UP == 1 ]]; then
    if [[ $rc != 0 ]]; then
      say "state of the suite at the failure"
      compose ps >&2 || true
      compose logs --no-color --tail=60 >"$LOG_DIR/compose.log" 2>&1 || true
      tail -n 200 "$LOG_DIR/compose.log" >&2 || true
      say "full container logs: $LOG_DIR/compose.log"
    fi
    phase "teardown: docker-compose down -v"
    compose down -v --remove-orphans --timeout 30 >"$LOG_DIR/down.log" 2>&1 || cat "$LOG_DIR/down.log" >&2
    # Dangling images left by rebuilding ours (the images themselves stay: the next run is warm).
    docker image prune -f --filter label=cn.sunshine.image >/dev/null 2>&1 || true
  fi
  if [[ -n $DOCKERD_PID ]]; then
    phase "stop the dockerd this script started (pid $DOCKERD_PID)"
    docker_engine_stop
  fi
  print_timings
  if [[ $rc == 0 ]]; then say "docker smoke test passed"; rm -rf "$LOG_DIR"; else say "docker smoke test FAILED (logs in $LOG_DIR)"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- 1. tools ----------------------------------------------------------------------------------
phase "tools: docker.io, docker-compose, debootstrap, curl"
docker_install_missing dockerd=docker.io docker-compose=docker-compose debootstrap=debootstrap curl=curl \
  || fail "the tools are missing"

# ---- 2. the engine -----------------------------------------------------------------------------
phase "docker engine"
docker_engine_start "$LOG_DIR/dockerd.log" || fail "no Docker engine"
say "engine $(docker version -f '{{.Server.Version}}' 2>/dev/null), $(docker-compose version --short 2>/dev/null || docker-compose --version)"

for p in $GATEWAY_PORT $ISSUER_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    fail "port $p on 127.0.0.1 is in use (run.sh, an earlier run?); the smoke test publishes the gateway and the issuer there"
  fi
done

# ---- 3. base images ----------------------------------------------------------------------------
phase "base images (debootstrap, cached)"
deploy/ci/base-images.sh ${BASE_ARGS[@]+"${BASE_ARGS[@]}"}

# ---- 4. jars -----------------------------------------------------------------------------------
if [[ $BUILD == 1 ]]; then
  phase "jars (./mvnw -o package, tests skipped)"
  pl=$(IFS=,; echo "${MODULES[*]}")
  ./mvnw -B -o -q -DskipTests package -pl "$pl" -am >"$LOG_DIR/mvn.log" 2>&1 || { tail -n 40 "$LOG_DIR/mvn.log" >&2; fail "the build failed"; }
fi
for m in "${MODULES[@]}"; do
  jar="$m/target/${m##*/}-$VERSION.jar"
  [[ -f $jar ]] || fail "$jar is missing (run without --no-build)"
done

# ---- 5. compose files, offline -----------------------------------------------------------------
phase "docker-compose config -q (offline)"
docker-compose -f docker-compose.yml config -q
compose config -q

# ---- 6. images ---------------------------------------------------------------------------------
phase "images (docker-compose build, BASE_IMAGE=$SUNSHINE_BASE_IMAGE)"
compose build --force-rm >"$LOG_DIR/build.log" 2>&1 || { tail -n 40 "$LOG_DIR/build.log" >&2; fail "image build"; }

# ---- 7. up, healthy ----------------------------------------------------------------------------
phase "up -d and wait until every container is healthy"
COMPOSE_UP=1
compose up -d --no-build >"$LOG_DIR/up.log" 2>&1 || { cat "$LOG_DIR/up.log" >&2; fail "docker-compose up"; }
deadline=$((SECONDS + HEALTH_TIMEOUT))
while true; do
  states=$(compose ps -q | xargs -r docker inspect -f '{{.Name}} {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}')
  expected=$(compose config --services | wc -l)
  healthy=$(grep -c ' healthy$' <<<"$states" || true)
  if grep -qE ' (unhealthy|exited|dead)$' <<<"$states"; then echo "$states" >&2; fail "a container is unhealthy or exited"; fi
  ((healthy == expected)) && break
  ((SECONDS >= deadline)) && { echo "$states" >&2; fail "not every container healthy after $HEALTH_TIMEOUT s"; }
  sleep 2
done
say "all $expected containers healthy"
sed 's/^/    /' <<<"$states"

# ---- 8. smoke test through the gateway ---------------------------------------------------------
phase "smoke test through the gateway (127.0.0.1:$GATEWAY_PORT)"
GW="http://127.0.0.1:$GATEWAY_PORT"
TOKEN=$(curl -fsS --max-time 5 "http://127.0.0.1:$ISSUER_PORT/dev/tokens/county-officer-yingcheng?format=raw") \
  || fail "no token from the devstack issuer"

status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$GW/api/enrollment/bases/none")
[[ $status == 401 ]] || fail "without a token the gateway answered $status, expected 401"

body=$(cat <<'JSON'
{"name": "应城市职业教育中心", "creditCode": "12420981MB1234567H", "divisionCode": "420981",
 "address": "湖北省应城市城中民营经济园", "validFrom": "2026-07-01", "validUntil": "2027-06-30",
 "majors": [{"majorCode": "WELDING", "majorName": "电焊", "annualCapacity": 300, "feeStandardFen": 60000}]}
JSON
)
created=$(curl -sS --max-time 15 -w '\n%{http_code}' -X POST "$GW/api/accreditation/bases" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary "$body")
status=${created##*$'\n'}
created=${created%$'\n'*}
[[ $status == 201 ]] || fail "POST /api/accreditation/bases answered $status: $created"
BASE_ID=$(grep -o '"id":"[^"]*"' <<<"$created" | head -n 1 | cut -d'"' -f4)
[[ -n $BASE_ID ]] || fail "no id in $created"
say "accredited base $BASE_ID through the gateway"

deadline=$((SECONDS + 60))
while true; do
  seen=$(curl -s --max-time 5 -w '\n%{http_code}' -H "Authorization: Bearer $TOKEN" "$GW/api/enrollment/bases/$BASE_ID")
  [[ ${seen##*$'\n'} == 200 ]] && break
  ((SECONDS >= deadline)) && fail "the base never reached enrollment-service (last: ${seen##*$'\n'} ${seen%$'\n'*})"
  sleep 1
done
seen=${seen%$'\n'*}
grep -q "\"$BASE_ID\"" <<<"$seen" && grep -q '"ACCREDITED"' <<<"$seen" \
  || fail "enrollment-service's view of the base is not the accredited base: $seen"
say "enrollment-service has it (via RabbitMQ): $seen"

for s in base-accreditation-service enrollment-service subsidy-service placement-service gateway; do
  uid=$(compose exec -T "$s" id -u | tr -d '\r')
  [[ $uid != 0 && -n $uid ]] || fail "$s runs as uid '$uid' (expected non-root)"
done
say "the five deployables run as non-root (uid $uid)"
status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$GW/actuator/prometheus")
[[ $status == 200 ]] || fail "gateway /actuator/prometheus answered $status"
