#!/usr/bin/env bash
# The container tests: platform-test's *ContainerIT (Maven profile `containers`) against RabbitMQ in
# a container built on this machine (no image can be pulled in CI).
#
#   deploy/ci/container-tests.sh                    the container tests only
#   deploy/ci/container-tests.sh --with-unit-tests  platform-test's ordinary tests as well (those
#                                                   use the machine's RabbitMQ on 127.0.0.1:5672)
#   deploy/ci/container-tests.sh --rebuild-image    build the RabbitMQ image again (its debootstrap
#                                                   root stays; base-images.sh --rebuild remakes it)
#
# Steps (each timed; the timings are printed at the end, also on failure):
#   1. installs Debian's docker.io if missing (and debootstrap when an image must be built; root);
#   2. starts dockerd in the background unless an engine already answers (deploy/ci/lib-docker.sh:
#      only a dockerd this script started is stopped again, by its pid);
#   3. the RabbitMQ image of deploy/ci/docker-compose.ci.yml (tag and root read from that file):
#      kept if it exists, else its debootstrap root (deploy/ci/base-images.sh rabbitmq) and a
#      `docker build` of deploy/ci/rabbitmq;
#   4. ./mvnw -B -o -q -pl platform/platform-test -Pcontainers verify (failsafe, offline; the
#      Testcontainers jars must be in the local repository: resolve them once online with
#      ./mvnw -B -q -pl platform/platform-test -Pcontainers dependency:resolve; the platform
#      modules it depends on are taken from the local repository too, as installed);
#   5. removes any container this run's tests left behind (label cn.sunshine.containers.run) and
#      stops its dockerd. Images are kept so that the next run is warm.
# All traffic goes to 127.0.0.1 (the test publishes the broker on a port of 127.0.0.1 only).

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# shellcheck source=lib-docker.sh
. deploy/ci/lib-docker.sh   # docker_install_missing, docker_engine_start/stop, DOCKERD_PID

UNIT_TESTS=0
REBUILD=0
for arg in "$@"; do
  case "$arg" in
    --with-unit-tests) UNIT_TESTS=1 ;;
    --rebuild-image) REBUILD=1 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "container-tests.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

MODULE=platform/platform-test
REPORTS=$MODULE/target/containers/failsafe-reports
COMPOSE_CI=deploy/ci/docker-compose.ci.yml
RUN_ID="container-tests-$$-$(date +%s)"
export SUNSHINE_CONTAINERS_RUN=$RUN_ID          # the tests label their containers with it
LOG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sunshine-container-tests.XXXXXX")

say()  { printf '==> %s\n' "$*"; }
fail() { printf '==> FAILED: %s\n' "$*" >&2; exit 1; }

# ---- timings -----------------------------------------------------------------------------------
T0=$EPOCHREALTIME

# ---- clean-up: only what this run started -------------------------------------------------------
MVN_PID=""
cleanup() {
  local rc=$? left
  trap '' INT TERM
  if [[ -n $MVN_PID ]] && kill -0 "$MVN_PID" 2>/dev/null; then
    say "stopping the Maven build this script started (pid $MVN_PID)"
    kill -TERM "$MVN_PID" 2>/dev/null || true
    wait "$MVN_PID" 2>/dev/null || true
  fi
  if docker info >/dev/null 2>&1; then
    left=$(docker ps -aq --filter "label=cn.sunshine.containers.run=$RUN_ID" 2>/dev/null || true)
    if [[ -n $left ]]; then
      phase "remove the containers the tests left behind"
      docker rm -f -v $left >/dev/null 2>&1 || true
    fi
  fi
  if [[ -n $DOCKERD_PID ]]; then
    phase "stop the dockerd this script started (pid $DOCKERD_PID)"
    docker_engine_stop
  fi
  print_timings
  if [[ $rc == 0 ]]; then say "container tests passed"; rm -rf "$LOG_DIR"; else say "container tests FAILED (logs in $LOG_DIR)"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The RabbitMQ image and its root, as CI's compose override names them (one place for the tag).
compose_rabbitmq() { # key -> value under services.rabbitmq of the override
  awk -v key="$1:" '/^  rabbitmq:/ { f = 1; next } f && /^  [^ ]/ { f = 0 } f && $1 == key { print $2; exit }' "$COMPOSE_CI"
}
IMAGE=$(compose_rabbitmq image)
ROOTFS_IMAGE=$(compose_rabbitmq ROOTFS_IMAGE)
[[ -n $IMAGE && -n $ROOTFS_IMAGE ]] || fail "no rabbitmq image / ROOTFS_IMAGE found in $COMPOSE_CI"

# ---- 1. tools ----------------------------------------------------------------------------------
phase "tools: docker.io"
docker_install_missing dockerd=docker.io || fail "the tools are missing"

# ---- 2. the engine -----------------------------------------------------------------------------
phase "docker engine"
docker_engine_start "$LOG_DIR/dockerd.log" || fail "no Docker engine"
say "engine $(docker version -f '{{.Server.Version}}' 2>/dev/null)"

# ---- 3. the RabbitMQ image -----------------------------------------------------------------------
phase "image $IMAGE"
if [[ $REBUILD == 0 ]] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  say "$IMAGE: cached ($(docker image inspect -f '{{.Created}}' "$IMAGE"))"
else
  if ! docker image inspect "$ROOTFS_IMAGE" >/dev/null 2>&1; then
    docker_install_missing debootstrap=debootstrap || fail "debootstrap is missing"
  fi
  deploy/ci/base-images.sh rabbitmq || fail "the base image $ROOTFS_IMAGE"
  say "docker build -t $IMAGE deploy/ci/rabbitmq (ROOTFS_IMAGE=$ROOTFS_IMAGE)"
  docker build --force-rm --build-arg "ROOTFS_IMAGE=$ROOTFS_IMAGE" -t "$IMAGE" deploy/ci/rabbitmq \
    >"$LOG_DIR/build.log" 2>&1 || { tail -n 40 "$LOG_DIR/build.log" >&2; fail "docker build of $IMAGE"; }
  # The image it replaced, now dangling (ours: it carries the label of our debootstrap root).
  docker image prune -f --filter label=cn.sunshine.ci.base=rabbitmq >/dev/null 2>&1 || true
fi

# ---- 4. the tests ------------------------------------------------------------------------------
mvn_args=(-B -o -q -pl "$MODULE" -Pcontainers "-Dsunshine.containers.rabbitmq-image=$IMAGE")
if [[ $UNIT_TESTS == 0 ]]; then
  mvn_args+=(-Dsunshine.containers.skip-unit-tests=true)
  phase "container tests (mvnw -o -Pcontainers verify)"
else
  phase "all platform-test tests (mvnw -o -Pcontainers verify)"
fi
rm -rf "$REPORTS"
./mvnw "${mvn_args[@]}" verify >"$LOG_DIR/mvn.log" 2>&1 &
MVN_PID=$!
mvn_rc=0
wait "$MVN_PID" || mvn_rc=$?
MVN_PID=""
# What the tests said about the broker (container start, docker stop, docker start).
cat "$REPORTS"/*-output.txt 2>/dev/null | grep -E 'ContainerIT +: (RabbitMQ|broker)' | sed 's/^.*ContainerIT *: /    /' || true
if [[ $mvn_rc != 0 ]]; then
  tail -n 60 "$LOG_DIR/mvn.log" >&2
  if grep -q 'cn\.sunshine:[a-z-]*:jar:0\.1\.0-SNAPSHOT' "$LOG_DIR/mvn.log"; then
    say "the platform modules are not in the local repository: install them first" \
      "(./mvnw -B -o -q -DskipTests install -pl $MODULE -am)"
  elif grep -qi 'offline' "$LOG_DIR/mvn.log"; then
    say "a dependency is missing from the local repository: run once online" \
      "./mvnw -B -q -pl $MODULE -Pcontainers dependency:resolve"
  fi
  for f in "$REPORTS"/*-output.txt; do
    [[ -f $f ]] && { say "end of $f"; tail -n 80 "$f" >&2; }
  done
  fail "the container tests (Maven exit $mvn_rc; reports in $REPORTS)"
fi
summary=$REPORTS/failsafe-summary.xml
[[ -f $summary ]] || fail "no $summary: no container test ran"
completed=$(sed -n 's:.*<completed>\([0-9]*\)</completed>.*:\1:p' "$summary")
skipped=$(sed -n 's:.*<skipped>\([0-9]*\)</skipped>.*:\1:p' "$summary")
((${completed:-0} > 0 && ${skipped:-0} == 0)) || fail "container tests: $completed run, $skipped skipped (expected all to run)"
say "container tests: $completed run, none skipped, none failed ($(ls "$REPORTS"/TEST-*.xml | sed 's:.*/TEST-::; s:\.xml$::; s:.*\.::' | paste -sd, -))"
