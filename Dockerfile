# One image recipe for every Spring Boot deployable of the suite (the four services, the gateway,
# and in CI the devstack). See docs/deployment.md.
#
# The build context is the module's target/ directory, so that only the jar is sent to the
# engine (no .dockerignore needed), and the jar must have been built first:
#
#   ./mvnw -B -DskipTests package -pl gateway -am
#   docker build -f Dockerfile --build-arg JAR_FILE=gateway-0.1.0-SNAPSHOT.jar \
#       -t sunshine/gateway:0.1.0-SNAPSHOT gateway/target
#
# docker-compose.yml does exactly this for each service.
#
# BASE_IMAGE: any image with a Java 17+ runtime on the PATH, a POSIX shell and useradd; the
# compose healthchecks also need curl in it. The default is the public Temurin JRE (which has
# all of these); CI builds its own from Debian packages (deploy/ci/base-images.sh).
ARG BASE_IMAGE=eclipse-temurin:17-jre

# ---- 1: unpack the jar into its Spring Boot layers ---------------------------------------------
FROM ${BASE_IMAGE} AS layers
# Labelled so that docker-smoke.sh can prune the untagged stage images it leaves behind.
LABEL cn.sunshine.image="build-stage"
ARG JAR_FILE
WORKDIR /build
COPY ${JAR_FILE} app.jar
# dependencies/, spring-boot-loader/, snapshot-dependencies/, application/ (BOOT-INF/layers.idx),
# with the launcher so that the classes run without the jar.
RUN test -n "${JAR_FILE}" \
 && java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted \
 && ls extracted

# ---- 2: the runtime image ----------------------------------------------------------------------
FROM ${BASE_IMAGE}
LABEL cn.sunshine.image="service" \
      org.opencontainers.image.vendor="Sunshine Project (阳光工程)" \
      org.opencontainers.image.source="Dockerfile, docs/deployment.md"
ARG APP_UID=10001
# A system user with a fixed numeric id: Kubernetes' runAsNonRoot can check a number, not a name.
RUN groupadd --system --gid ${APP_UID} sunshine \
 && useradd --system --uid ${APP_UID} --gid ${APP_UID} --home-dir /app --no-create-home --shell /usr/sbin/nologin sunshine
WORKDIR /app
# Least to most often changed, so that a code change rebuilds and ships only the last layer.
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
# Nothing under /app is writable at run time; Tomcat/Netty and the JVM write to /tmp only
# (an emptyDir in Kubernetes, where the root file system is read-only).
USER ${APP_UID}:${APP_UID}
# JVM in a container: size the heap from the container's memory limit, die on OutOfMemoryError
# (the orchestrator restarts the container) instead of limping on, and start fast on small CPU
# shares (SerialGC, C1 only). Kubernetes overrides this (k8s/base/*/configmap) for throughput.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Djava.io.tmpdir=/tmp"
# Exec form: java is PID 1 and gets SIGTERM itself (graceful shutdown, server.shutdown=graceful).
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
