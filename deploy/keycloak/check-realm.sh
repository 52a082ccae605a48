#!/usr/bin/env bash
# Checks deploy/keycloak/sunshine-realm.json on a real Keycloak (docs/deployment.md, "The province's
# identity provider"): unpacks the Keycloak distribution from the local Maven repository (fetching it
# once with the Maven wrapper if it is missing), starts it in development mode on a free port of
# 127.0.0.1 with the realm imported, runs deploy-checks' KeycloakRealmLiveTest against it (every demo
# user signs in to the console with code + PKCE, placement-service gets a client-credentials token,
# another application of the realm gets one; each token goes through the platform's own token policy
# and JWT converter), then stops it and removes the copy.
#
#   deploy/keycloak/check-realm.sh            # Keycloak 26.0.7
#   KEYCLOAK_VERSION=26.x.y deploy/keycloak/check-realm.sh
#
# Needs a Java 21+ for Keycloak (JAVA21_HOME, else the first of /usr/lib/jvm/*-2[1-9]* found); the
# build itself keeps its own Java. Keycloak's first start takes 1–3 minutes (it builds itself).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
VERSION="${KEYCLOAK_VERSION:-26.0.7}"
ZIP="$HOME/.m2/repository/org/keycloak/keycloak-quarkus-dist/$VERSION/keycloak-quarkus-dist-$VERSION.zip"

if [[ ! -f "$ZIP" ]]; then
  echo "fetching the Keycloak $VERSION distribution into the local Maven repository"
  (cd "$ROOT" && ./mvnw -B -q dependency:get -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:zip" -Dtransitive=false)
fi

JAVA21="${JAVA21_HOME:-}"
if [[ -z "$JAVA21" ]]; then
  for candidate in /usr/lib/jvm/*-2[1-9]-* /usr/lib/jvm/*-2[1-9]; do
    if [[ -x "$candidate/bin/java" ]]; then JAVA21="$candidate"; break; fi
  done
fi
if [[ -z "$JAVA21" || ! -x "$JAVA21/bin/java" ]]; then
  echo "no Java 21+ found: set JAVA21_HOME" >&2
  exit 2
fi

WORK="$(mktemp -d)"
KC_PID=""
cleanup() {
  if [[ -n "$KC_PID" ]] && kill -0 "$KC_PID" 2>/dev/null; then
    kill "$KC_PID" 2>/dev/null || true
    wait "$KC_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

unzip -q "$ZIP" -d "$WORK"
KC="$WORK/keycloak-$VERSION"
mkdir -p "$KC/data/import"
cp "$ROOT/deploy/keycloak/sunshine-realm.json" "$KC/data/import/"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
ADMIN_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"

echo "starting Keycloak $VERSION on 127.0.0.1:$PORT (log: $WORK/keycloak.log)"
JAVA_HOME="$JAVA21" PATH="$JAVA21/bin:$PATH" \
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  JAVA_OPTS_KC_HEAP="-Xms128m -Xmx640m" JAVA_OPTS_APPEND="-Dnet.bytebuddy.experimental=true" \
  "$KC/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$PORT" --import-realm >"$WORK/keycloak.log" 2>&1 &
KC_PID=$!

for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$PORT/realms/sunshine/.well-known/openid-configuration" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$KC_PID" 2>/dev/null; then
    echo "Keycloak stopped:" >&2
    tail -40 "$WORK/keycloak.log" >&2
    exit 1
  fi
  sleep 3
done
curl -fsS "http://127.0.0.1:$PORT/realms/sunshine/.well-known/openid-configuration" >/dev/null
echo "realm imported; running KeycloakRealmLiveTest"

cd "$ROOT"
./mvnw -B -o -q -pl deploy-checks -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=KeycloakRealmLiveTest \
  -Dsunshine.keycloak.url="http://127.0.0.1:$PORT" -Dsunshine.keycloak.admin-password="$ADMIN_PASSWORD"
echo "the realm works on Keycloak $VERSION"
