#!/usr/bin/env bash
# The Sunshine Project (阳光工程) on one machine, with nothing installed but Java 17+:
#
#   ./run.sh              build (./mvnw package, tests skipped), then run everything
#   ./run.sh --no-build   run the jars that are already in */target
#   ./run.sh --demo       also load the demo province once (孝感市 and four of its counties: a whole
#                         programme year played through the gateway by tools/year-driver)
#   ./run.sh --cds        start each service and the gateway from a class-data-sharing archive of its
#                         own (also SUNSHINE_CDS=1): about twice as fast a start; the archives are made
#                         once per built jar, on the first run after a build (target/cds/ of each module)
#   ./run.sh --bench      benchmark mode (also SUNSHINE_PROFILE=bench): every JVM with the full JIT and
#                         a heap sized for a long run, instead of the default tuned for a quick start
#                         (docs/performance.md)
#
# It starts tools/devstack (MongoDB-wire server on 27017, AMQP broker on 5672 unless RabbitMQ
# already runs there, development token issuer on 9000), then the services two at a time, each
# only after the previous ones answer /actuator/health/readiness, and the gateway last.
# Logs go to logs/<name>.log, data to data/ (delete it to start from scratch).
# Ctrl-C (or SIGTERM) stops every process this script started, and only those.
# Environment (optional): SUNSHINE_DATA_DIR, SUNSHINE_LOG_DIR, SUNSHINE_READY_TIMEOUT (s per
# service), SUNSHINE_SERVICE_ARGS (extra arguments for every service and the gateway; the
# end-to-end test uses it to give the run its own exchange and queue names), SUNSHINE_JVM_ARGS (extra
# JVM options for every service and the gateway, e.g. a flight recording), SUNSHINE_PROFILE, SUNSHINE_KEEP_GOING=1
# (a process that dies is reported and the others keep running), SUNSHINE_RESTART=1 (a service or
# the gateway that dies is started again on its port, as a cluster restarts a pod).
# See docs/running-locally.md.

set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")" || exit 1
ROOT="$(pwd)"
VERSION="0.1.0-SNAPSHOT"
LOG_DIR="${SUNSHINE_LOG_DIR:-$ROOT/logs}"
DATA_DIR="${SUNSHINE_DATA_DIR:-$ROOT/data}"
read -r -a SERVICE_ARGS <<<"${SUNSHINE_SERVICE_ARGS:-}"
read -r -a EXTRA_JVM_ARGS <<<"${SUNSHINE_JVM_ARGS:-}"
DEVSTACK_JAR="$ROOT/tools/devstack/target/devstack-$VERSION.jar"
READY_TIMEOUT="${SUNSHINE_READY_TIMEOUT:-120}"   # seconds per service
PROFILE="${SUNSHINE_PROFILE:-default}"

# name:port, started in this order, two at a time; the gateway comes last on its own.
# tools/finance-bureau-simulator plays the finance bureau's payment system for subsidy-service.
# console is the web application (docs/console.md): the gateway serves it at http://localhost:8080/.
SERVICES=(tools/finance-bureau-simulator:8090 base-accreditation-service:8081 enrollment-service:8082
  subsidy-service:8083 placement-service:8084 console:8085)
GATEWAY=gateway:8080

BUILD=1
DEMO=0
CDS="${SUNSHINE_CDS:-0}"
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    --demo) DEMO=1 ;;
    --bench) PROFILE=bench ;;
    --cds) CDS=1 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

# The JVMs' flags. Default: tuned for start-up and a small footprint (C1 only, a small heap), which
# is what a developer's run and the demo need. bench: the full tiered JIT (C2) and heaps sized for a
# province's year or a load test; slower to start and larger, faster once warm (docs/performance.md).
case "$PROFILE" in
  default)
    # -Xms24m and the free ratios: the heap starts small and Serial GC gives back what a collection freed,
    # instead of starting at the ceiling (1/64 of the machine's memory is more than -Xmx) and keeping it:
    # the suite idles in about 1.4 GB instead of 1.9 (docs/performance.md, "The suite: cold start and memory").
    JVM_OPTS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m -Xss512k -Xms24m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30)
    DEVSTACK_OPTS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m)
    DRIVER_OPTS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m) ;;
  bench)
    JVM_OPTS=(-XX:+UseSerialGC -Xms256m -Xmx768m -Xss512k)
    DEVSTACK_OPTS=(-XX:+UseSerialGC -Xms512m -Xmx1536m)
    DRIVER_OPTS=(-XX:+UseSerialGC -Xmx768m) ;;
  *) echo "run.sh: unknown SUNSHINE_PROFILE '$PROFILE' (default or bench)" >&2; exit 2 ;;
esac

say()  { printf '==> %s\n' "$*"; }
warn() { printf '==> WARNING: %s\n' "$*" >&2; }
fail() { printf '==> ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# Processes we started: pid and name, in start order. Only these are ever signalled.
PIDS=()
NAMES=()
STOPPING=0

stop_pid() { # pid name: TERM, then wait up to 30 s, then KILL
  local pid=$1 name=$2 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
    sleep 0.5
  done
  warn "$name (pid $pid) did not stop within 30 s; killing it"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

cleanup() {
  [[ $STOPPING == 1 ]] && return
  STOPPING=1
  trap '' INT TERM
  ((${#PIDS[@]} == 0)) && return
  say "stopping everything run.sh started"
  local i
  # Services and gateway first (all at once, newest first), the devstack (index 0) last.
  for ((i = ${#PIDS[@]} - 1; i >= 1; i--)); do
    kill -TERM "${PIDS[i]}" 2>/dev/null
  done
  for ((i = ${#PIDS[@]} - 1; i >= 1; i--)); do
    stop_pid "${PIDS[i]}" "${NAMES[i]}"
  done
  stop_pid "${PIDS[0]}" "${NAMES[0]}"
  say "stopped"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
# Small portable helpers (bash /dev/tcp if there is no curl).

port_open() { # port -> 0 if something accepts TCP connections on 127.0.0.1:port
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

http_fetch() { # url -> first line: HTTP status (000 if no answer), then the body
  local url=$1
  if command -v curl >/dev/null 2>&1; then
    local out
    out=$(curl -s --max-time 3 -w '\n%{http_code}' "$url" 2>/dev/null) || out=$'\n000'
    printf '%s\n%s' "${out##*$'\n'}" "${out%$'\n'*}"
  else
    ( # plain bash: HTTP/1.0 over /dev/tcp, in a subshell so a failed connect cannot hurt the script
      rest=${url#http://}; hostport=${rest%%/*}; path=/${rest#*/}
      exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}" || { printf '000\n'; exit 0; }
      printf 'GET %s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$hostport" >&3
      response=$(timeout 5 cat <&3)
      read -r _ status _ <<<"${response%%$'\r'*}"
      printf '%s\n%s' "${status:-000}" "${response#*$'\r\n\r\n'}"
    ) 2>/dev/null
  fi
}

http_status() { http_fetch "$1" | head -n 1; }
http_body() { http_fetch "$1" | tail -n +2; }

is_boot_jar() { # a jar the spring-boot-maven-plugin repackaged (runnable with java -jar)
  [[ -f $1 ]] && LC_ALL=C grep -aq 'BOOT-INF/' "$1"
}

show_log_tail() { # name
  local log="$LOG_DIR/$1.log"
  printf -- '---- last 40 lines of %s ----\n' "${log#"$ROOT"/}" >&2
  tail -n 40 "$log" >&2 2>/dev/null
  printf -- '---- end of %s ----\n' "${log#"$ROOT"/}" >&2
}

# ---------------------------------------------------------------------------------------------
# Java and the build.

command -v java >/dev/null 2>&1 || fail "java not found on PATH (Java 17 or newer is needed)"
JAVA_MAJOR=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -n 1)
if [[ -z $JAVA_MAJOR || $JAVA_MAJOR -lt 17 ]]; then
  fail "Java 17 or newer is needed; 'java -version' says: $(java -version 2>&1 | head -n 1)"
fi

[[ $PROFILE == bench ]] && say "benchmark mode: full JIT, heaps of up to ${JVM_OPTS[2]#-Xmx} a service (${DEVSTACK_OPTS[2]#-Xmx} the devstack)"
if [[ $BUILD == 1 ]]; then
  say "building (./mvnw -q -B -DskipTests package); the first build downloads dependencies and takes a while"
  ./mvnw -q -B -DskipTests package || fail "the build failed (see above); fix it, or run ./run.sh --no-build with the jars you have"
else
  say "--no-build: using the jars already in */target"
fi

is_boot_jar "$DEVSTACK_JAR" || fail "$DEVSTACK_JAR is missing; build it (./run.sh without --no-build)"

mkdir -p "$LOG_DIR" "$DATA_DIR"

# ---------------------------------------------------------------------------------------------
# The devstack.

for p in 9000 8080 8081 8082 8083 8084 8085 8090; do
  port_open "$p" && fail "port $p on 127.0.0.1 is already in use (an earlier run still going?); stop that first"
done

say "starting devstack (logs/devstack.log)"
: >"$LOG_DIR/devstack.log"
# Loopback only, like every service below: the run trusts the development token key, whose private
# half is in the repository, so nothing of it may be reachable from another machine.
java "${DEVSTACK_OPTS[@]}" -jar "$DEVSTACK_JAR" \
  --bind=127.0.0.1 --data-dir="$DATA_DIR" >>"$LOG_DIR/devstack.log" 2>&1 &
PIDS+=($!); NAMES+=(devstack)
DEVSTACK_PID=$!

for ((i = 0; ; i++)); do
  grep -q '^devstack ready' "$LOG_DIR/devstack.log" 2>/dev/null && break
  if ! kill -0 "$DEVSTACK_PID" 2>/dev/null; then
    show_log_tail devstack; fail "devstack exited before it was ready"
  fi
  # Its ports answering counts too (for the rare case the line is buffered).
  if ((i > 20)) && port_open 27017 && port_open 5672 && port_open 9000; then break; fi
  ((i >= READY_TIMEOUT * 4)) && { show_log_tail devstack; fail "devstack not ready after ${READY_TIMEOUT} s"; }
  sleep 0.25
done
grep -E '^(mongo|amqp|issuer): ' "$LOG_DIR/devstack.log" | sed 's/^/    /'
# The in-process Qpid broker has no quorum queues: the services declare classic ones on it (RabbitMQ,
# here and in a cluster, gets quorum queues).
if grep -q '^amqp: embedded Qpid' "$LOG_DIR/devstack.log" 2>/dev/null; then
  SERVICE_ARGS+=(--sunshine.messaging.queue-type=classic)
fi
# The machine's own RabbitMQ outlives the data directory: a run on a fresh one would find in the services'
# queues the events of the run before (whose trainees it does not know: dead letters). The exchange and the
# queues are named after the data directory instead (a name kept in it), so a fresh data directory starts
# with empty queues and the same one finds its own again after a restart. Arguments that name an exchange
# themselves (the end-to-end test's) are left as they are.
if grep -q '^amqp: a broker already answers' "$LOG_DIR/devstack.log" 2>/dev/null &&
  [[ " ${SERVICE_ARGS[*]-} " != *" --sunshine.messaging.exchange="* ]]; then
  [[ -s $DATA_DIR/broker-names ]] || date -u +%Y%m%d%H%M%S >"$DATA_DIR/broker-names"
  BROKER_NAMES=$(tr -dc '0-9A-Za-z-' <"$DATA_DIR/broker-names")
  SERVICE_ARGS+=(--sunshine.messaging.exchange="sunshine.events.$BROKER_NAMES"
    --sunshine.messaging.queue-suffix=".$BROKER_NAMES")
  say "the machine's RabbitMQ: exchange sunshine.events.$BROKER_NAMES, queues <service>.events.$BROKER_NAMES (named after ${DATA_DIR#"$ROOT"/}/)"
fi

# ---------------------------------------------------------------------------------------------
# The services.

RUNNING=()   # name:port of services that came up
RESTARTING=0
SKIPPED=()

# Class-data sharing (--cds): the jar extracted once (java -Djarmode=tools … extract: the classes on a
# plain class path, which CDS needs), then a training start that stops once its Spring context is
# refreshed (-Dspring.context.exit=onRefresh) and writes the archive of every class it loaded
# (-XX:ArchiveClassesAtExit); later starts map that archive instead of loading and verifying the
# classes again. Remade when the jar or the profile changes; any failure falls back to the plain jar.
cds_launch() { # module jar -> sets launch=(...) of the caller when an archive is usable
  local module=$1 jar=$2 name=${1##*/}
  local dir="$ROOT/$module/target/cds" stamp
  stamp="$(stat -c '%s %Y' "$jar") $PROFILE $JAVA_MAJOR"
  if [[ ! -f $dir/app.jsa || "$(cat "$dir/stamp" 2>/dev/null)" != "$stamp" ]]; then
    say "$name: making its class-data-sharing archive (once per build; logs in ${dir#"$ROOT"/}/)"
    rm -rf "$dir" && mkdir -p "$dir"
    if ! java -Djarmode=tools -jar "$jar" extract --destination "$dir/app" >"$dir/extract.log" 2>&1 ||
      ! timeout 300 java "${JVM_OPTS[@]}" -XX:ArchiveClassesAtExit="$dir/app.jsa" -Dspring.context.exit=onRefresh \
        -jar "$dir/app/${jar##*/}" --spring.profiles.active=local --server.address=127.0.0.1 --server.port=0 \
        ${SERVICE_ARGS[@]+"${SERVICE_ARGS[@]}"} >"$dir/train.log" 2>&1 || [[ ! -s $dir/app.jsa ]]; then
      warn "$name: no class-data-sharing archive (see ${dir#"$ROOT"/}/); starting it from its jar"
      rm -f "$dir/app.jsa"
      return 0
    fi
    printf '%s\n' "$stamp" >"$dir/stamp"
  fi
  launch=(-XX:SharedArchiveFile="$dir/app.jsa" -Xshare:auto -jar "$dir/app/${jar##*/}")
}

start_service() { # module port -> appends to PIDS; returns 1 if there is no runnable jar
  local name=${1##*/} port=$2 jar="$ROOT/$1/target/${1##*/}-$VERSION.jar"
  if ! is_boot_jar "$jar"; then
    if [[ -f $jar ]]; then
      warn "$name: $jar is not a runnable Spring Boot jar (module not finished?); continuing without $name"
    else
      warn "$name: $jar does not exist (module not built or not finished?); continuing without $name"
    fi
    SKIPPED+=("$name")
    return 1
  fi
  say "starting $name on port $port (logs/$name.log)"
  ((RESTARTING)) || : >"$LOG_DIR/$name.log"   # a restart appends: the log shows what came before
  # sunshine.clock.adjustable: an operator may set the services' clock (/actuator/clock), which the
  # year scenario and the demo province use to play a programme year in minutes (local profile only).
  # A service that calls another gets its own OAuth2 client's development secret (the devstack
  # issuer's client registry, tools/devstack ServiceClients); it fetches client-credentials tokens
  # from http://localhost:9000/oauth2/token (the default token URI).
  local client_env=()
  case "$name" in
    placement-service) client_env=(SUNSHINE_CLIENT_ID=placement-service SUNSHINE_CLIENT_SECRET=placement-service-dev-secret) ;;
  esac
  local launch=(-jar "$jar")
  ((CDS)) && cds_launch "$1" "$jar"
  env ${client_env[@]+"${client_env[@]}"} java "${JVM_OPTS[@]}" ${EXTRA_JVM_ARGS[@]+"${EXTRA_JVM_ARGS[@]}"} "${launch[@]}" --spring.profiles.active=local \
    --server.address=127.0.0.1 --server.port="$port" --sunshine.clock.adjustable=true ${SERVICE_ARGS[@]+"${SERVICE_ARGS[@]}"} \
    >>"$LOG_DIR/$name.log" 2>&1 &
  PIDS+=($!); NAMES+=("$name")
  STARTED_PID[$port]=$!
  return 0
}

await_ready() { # name:port ... -> waits for all of them; on a failure stops everything
  local pending=("$@") deadline=$((SECONDS + READY_TIMEOUT)) entry name port still status
  while ((${#pending[@]} > 0)); do
    still=()
    for entry in "${pending[@]}"; do
      name=${entry%%:*}; name=${name##*/}; port=${entry##*:}
      status=$(http_status "http://127.0.0.1:$port/actuator/health/readiness")
      if [[ $status == 200 ]]; then
        say "$name is ready on http://localhost:$port"
        RUNNING+=("$entry")
        continue
      fi
      if ! kill -0 "${STARTED_PID[$port]}" 2>/dev/null; then
        show_log_tail "$name"; fail "$name exited during startup (see logs/$name.log)"
      fi
      if ((SECONDS >= deadline)); then
        show_log_tail "$name"
        fail "$name not ready after ${READY_TIMEOUT} s (last readiness status: $status)"
      fi
      still+=("$entry")
    done
    pending=(${still[@]+"${still[@]}"})
    ((${#pending[@]} > 0)) && sleep 1
  done
}

declare -a STARTED_PID=()
for ((s = 0; s < ${#SERVICES[@]}; s += 2)); do
  batch=()
  for entry in "${SERVICES[@]:s:2}"; do
    start_service "${entry%%:*}" "${entry##*:}" && batch+=("$entry")
  done
  ((${#batch[@]} > 0)) && await_ready "${batch[@]}"
done

if start_service "${GATEWAY%%:*}" "${GATEWAY##*:}"; then
  await_ready "$GATEWAY"
fi

((${#RUNNING[@]} == 0)) && fail "no service could be started (no runnable jars); only the devstack ran"

# ---------------------------------------------------------------------------------------------
# The demo province (--demo): once per data directory, a programme year played through the
# gateway by tools/year-driver, ending at today's date (the services' clock is set back to now).

DRIVER_JAR="$ROOT/tools/year-driver/target/year-driver-$VERSION-exec.jar"
DEMO_MARK="$DATA_DIR/demo-province.loaded"
if ((DEMO)); then
  if [[ -f $DEMO_MARK ]]; then
    say "the demo province is already loaded ($(head -n 1 "$DEMO_MARK")); delete ${DATA_DIR#"$ROOT"/}/ to start again"
  elif [[ ! -f $DRIVER_JAR ]]; then
    warn "no $DRIVER_JAR: build first (./run.sh without --no-build); continuing without the demo province"
  elif [[ " ${RUNNING[*]} " != *" $GATEWAY "* ]]; then
    warn "the gateway is not running; continuing without the demo province"
  else
    say "loading the demo province: 孝感市 with 应城市, 安陆市, 汉川市 and 云梦县, a programme year through the gateway (a minute or two; logs/demo-province.log)"
    if java "${DRIVER_OPTS[@]}" -jar "$DRIVER_JAR" --demo >"$LOG_DIR/demo-province.log" 2>&1; then
      printf 'loaded %s\n' "$(date '+%Y-%m-%d %H:%M')" >"$DEMO_MARK"
      grep -E '^(Totals|Checks):' "$LOG_DIR/demo-province.log" | sed 's/^/    /'
    else
      tail -n 15 "$LOG_DIR/demo-province.log" >&2
      warn "loading the demo province failed (see ${LOG_DIR#"$ROOT"/}/demo-province.log); the suite keeps running"
    fi
  fi
fi

# ---------------------------------------------------------------------------------------------
# What is running, and how to use it.

echo
say "the Sunshine Project is running"
if [[ " ${RUNNING[*]} " == *" $GATEWAY "* ]]; then
  echo "    gateway:   http://localhost:8080"
  if [[ " ${RUNNING[*]} " == *" console:8085 "* ]]; then
    echo "    console:   http://localhost:8080/   (sign in by picking a demo user; public notices: http://localhost:8080/public)"
  fi
else
  echo "    gateway:   not running (no runnable gateway jar); call the services directly"
fi
for entry in "${RUNNING[@]}"; do
  [[ $entry == "$GATEWAY" ]] && continue
  printf '    %-28s http://localhost:%s\n' "${entry%%:*}:" "${entry##*:}"
done
for name in ${SKIPPED[@]+"${SKIPPED[@]}"}; do
  [[ $name == "${GATEWAY%%:*}" ]] && continue
  printf '    %-28s not started (no runnable jar)\n' "$name:"
done
echo "    MongoDB:   mongodb://localhost:27017   AMQP: localhost:5672 (guest/guest)   data: ${DATA_DIR#"$ROOT"/}/   logs: ${LOG_DIR#"$ROOT"/}/"
echo
echo "    demo users (GET http://localhost:9000/dev/users):"
users_json=$(http_body "http://127.0.0.1:9000/dev/users")
printf '%s' "$users_json" | grep -o '"username":"[^"]*","displayName":"[^"]*","roles":\[[^]]*\],"division":"[^"]*"' |
  sed -E 's/"username":"([^"]*)","displayName":"([^"]*)","roles":\[([^]]*)\],"division":"([^"]*)"/\1|\3|\4|\2/' |
  tr -d '"' | awk -F'|' '{ printf "      %-27s %-17s %-7s %s\n", $1, $2, $3, $4 }'
echo
echo "    a token (8 hours):  curl -s http://localhost:9000/dev/tokens/county-officer-yingcheng"
echo "    bare token:         TOKEN=\$(curl -s 'http://localhost:9000/dev/tokens/county-officer-yingcheng?format=raw')"
echo "    base staff:         curl -s 'http://localhost:9000/dev/tokens/base-staff?division=420981&baseId=<baseId>'"
if [[ " ${RUNNING[*]} " == *" $GATEWAY "* ]]; then
  echo "    then:               curl -H \"Authorization: Bearer \$TOKEN\" http://localhost:8080/api/accreditation/bases"
else
  echo "    then:               curl -H \"Authorization: Bearer \$TOKEN\" http://localhost:8081/api/accreditation/bases"
fi
echo
say "Ctrl-C stops everything"

# ---------------------------------------------------------------------------------------------
# Keep running; if one of our processes dies, say so and stop the rest (or, with
# SUNSHINE_KEEP_GOING=1, say so once and keep the others running: a crashed service must not
# take the suite down while you look at what the others do without it).
declare -A REPORTED=()
entry_of() { # name -> its module:port entry (a service or the gateway), or nothing
  local e
  for e in "${SERVICES[@]}" "$GATEWAY"; do
    [[ ${e%%:*} == *"$1" ]] && { printf '%s' "$e"; return 0; }
  done
  return 1
}
while true; do
  for ((i = 0; i < ${#PIDS[@]}; i++)); do
    if ! kill -0 "${PIDS[i]}" 2>/dev/null && [[ -z ${REPORTED[$i]:-} ]]; then
      show_log_tail "${NAMES[i]}"
      entry=$(entry_of "${NAMES[i]}" || true)
      if [[ ${SUNSHINE_RESTART:-0} == 1 && -n $entry ]]; then
        # Like a cluster restarting a pod: the same service again on its port (its data, its outbox and
        # its queue are where it left them). The fault-injected year of the end-to-end test relies on it.
        warn "${NAMES[i]} (pid ${PIDS[i]}) exited; restarting it (SUNSHINE_RESTART=1)"
        REPORTED[$i]=1
        RESTARTING=1 start_service "${entry%%:*}" "${entry##*:}" || true
        continue
      fi
      if [[ ${SUNSHINE_KEEP_GOING:-0} == 1 ]]; then
        warn "${NAMES[i]} (pid ${PIDS[i]}) exited; the others keep running (SUNSHINE_KEEP_GOING=1)"
        REPORTED[$i]=1
      else
        fail "${NAMES[i]} (pid ${PIDS[i]}) exited unexpectedly; stopping everything"
      fi
    fi
  done
  sleep 2
done
