package cn.sunshine.e2e;

import cn.sunshine.platform.test.TestRun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The whole suite, started by {@code run.sh --no-build} exactly as a newcomer starts it, with its
 * own data and log directories and its own exchange and queue names on the machine's broker.
 */
final class Suite implements AutoCloseable {

    static final List<String> SERVICES = List.of("base-accreditation-service", "enrollment-service", "subsidy-service",
            "placement-service");
    static final String READY_LINE = "the Sunshine Project is running";

    final Path root;
    final Path logDir;
    final Path output;
    private final Process process;

    private Suite(Path root, Path logDir, Path output, Process process) {
        this.root = root;
        this.logDir = logDir;
        this.output = output;
        this.process = process;
    }

    static Suite start(Duration timeout) throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath().getParent();
        for (String module : Stream.concat(SERVICES.stream(), Stream.of("gateway", "console", "tools/devstack", "tools/finance-bureau-simulator")).toList()) {
            String name = module.substring(module.lastIndexOf('/') + 1);
            Path jar = root.resolve(module).resolve("target").resolve(name + "-0.1.0-SNAPSHOT.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: run the tests with ./mvnw verify, which packages every module first");
            }
        }
        Path target = root.resolve("e2e/target");
        Path data = target.resolve("e2e-data");
        Path logs = target.resolve("e2e-logs");
        deleteTree(data);
        Files.createDirectories(logs);
        Path out = logs.resolve("run.sh.out");
        String exchange = TestRun.exchange();
        SERVICES.forEach(TestRun::queue);
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("run.sh").toString(), "--no-build")
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("SUNSHINE_DATA_DIR", data.toString());
        pb.environment().put("SUNSHINE_LOG_DIR", logs.toString());
        pb.environment().put("SUNSHINE_KEEP_GOING", "1");
        // A service that dies is started again on its port, as a cluster restarts a pod (the fault year).
        pb.environment().put("SUNSHINE_RESTART", "1");
        // Health-based waits with a ceiling for a machine that builds and tests beside the suite (two cores, a
        // load average of 15 seen): a service that is up is used at once, one that is slow is waited for.
        pb.environment().putIfAbsent("SUNSHINE_READY_TIMEOUT", "360");
        // Its own exchange and queues on the shared broker; the gateway's per-caller limits raised so
        // that the access matrix (hundreds of calls per role) is not throttled — 429s are the
        // gateway module's own test.
        // The services reach the broker through a TCP proxy of the suite's own, so the fault year can cut
        // the broker away from them and bring it back (never touching the machine's RabbitMQ itself).
        BROKER_LINK = org.netcrusher.tcp.TcpCrusherBuilder.builder().withReactor(REACTOR)
                .withBindAddress("127.0.0.1", freePort())
                .withConnectAddress(TestRun.rabbitHost(), TestRun.rabbitPort()).buildAndOpen();
        pb.environment().put("SUNSHINE_SERVICE_ARGS", "--spring.rabbitmq.port=" + BROKER_LINK.getBindAddress().getPort()
                + " --sunshine.messaging.exchange=" + exchange
                + " --sunshine.messaging.queue-suffix=.test-" + TestRun.ID
                + " --sunshine.gateway.rate-limit.rate=10000 --sunshine.gateway.rate-limit.burst=20000");
        Suite suite = new Suite(root, logs, out, pb.start());
        suite.awaitReady(timeout);
        return suite;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String text = Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
            if (text.contains(READY_LINE)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("run.sh exited (" + process.exitValue() + ") before the suite was ready:\n" + text);
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("the suite was not ready within " + timeout + ":\n" + Files.readString(output));
    }

    String runOutput() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    String log(String service) throws IOException {
        return Files.readString(logDir.resolve(service + ".log"), StandardCharsets.UTF_8);
    }

    /** Second replicas started by the test itself (run.sh runs one of each). */
    private final List<Process> replicas = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Starts a second replica of a service, as a cluster runs two pods: the primary's own command line (the
     * same jar, JVM options, data and broker) on another port, logging to {@code <service>-replica.log}.
     * The gateway keeps routing to the primary; the replica shares its database and queues, so its outbox
     * relay and its consumers compete with the primary's. Returns its base URL once it is ready.
     */
    String startReplica(String service, int port, Duration timeout) throws IOException, InterruptedException {
        ProcessHandle primary = process.descendants().filter(p -> p.isAlive()
                        && p.info().commandLine().orElse("").contains(service + "-0.1.0-SNAPSHOT.jar")).findFirst()
                .orElseThrow(() -> new IllegalStateException(service + " is not running"));
        List<String> command = new java.util.ArrayList<>();
        command.add(primary.info().command().orElseThrow());
        for (String arg : primary.info().arguments().orElseThrow()) {
            command.add(arg.startsWith("--server.port=") ? "--server.port=" + port : arg);
        }
        Process replica = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(service + "-replica.log").toFile())).start();
        replicas.add(replica);
        String url = "http://127.0.0.1:" + port;
        Instant deadline = Instant.now().plus(timeout);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        while (Instant.now().isBefore(deadline)) {
            if (!replica.isAlive()) {
                throw new IllegalStateException("the replica of " + service + " exited (" + replica.exitValue() + ")");
            }
            try {
                int status = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return url;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the replica of " + service + " was not ready within " + timeout);
    }

    /**
     * Freezes the primary process of a service ({@code SIGSTOP}: a node that stops answering, a long pause)
     * and thaws it ({@code SIGCONT}) after the given time; the replica, if any, keeps running.
     */
    void freeze(String service, Duration howLong) throws IOException, InterruptedException {
        List<ProcessHandle> primaries = process.descendants().filter(p -> p.isAlive()
                && p.info().commandLine().orElse("").contains(service + "-0.1.0-SNAPSHOT.jar")).toList();
        for (ProcessHandle p : primaries) {
            new ProcessBuilder("kill", "-STOP", String.valueOf(p.pid())).inheritIO().start().waitFor();
        }
        Thread.sleep(howLong.toMillis());
        for (ProcessHandle p : primaries) {
            new ProcessBuilder("kill", "-CONT", String.valueOf(p.pid())).inheritIO().start().waitFor();
        }
    }

    /** Ctrl-C, as a user would: run.sh stops what it started. */
    @Override
    public void close() throws InterruptedException {
        for (Process replica : replicas) {
            replica.destroy();
            if (!replica.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                replica.destroyForcibly();
            }
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    /** Kills one service, as a crash would (run.sh then stops the rest: call this last). */
    void kill(String service) {
        process.descendants().filter(p -> p.info().commandLine().orElse("").contains(service + "-0.1.0-SNAPSHOT.jar"))
                .forEach(ProcessHandle::destroyForcibly);
    }

    private static final org.netcrusher.core.reactor.NioReactor REACTOR;
    private static org.netcrusher.tcp.TcpCrusher BROKER_LINK;

    static {
        try {
            REACTOR = new org.netcrusher.core.reactor.NioReactor();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cuts the services' connections to the broker (they see it go away) until {@link #restoreBroker()}. */
    void cutBroker() {
        BROKER_LINK.close();
    }

    void restoreBroker() {
        BROKER_LINK.open();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Whether a process of this module (its jar) is running now. */
    boolean running(String service) {
        return process.descendants().anyMatch(p -> p.isAlive()
                && p.info().commandLine().orElse("").contains(service + "-0.1.0-SNAPSHOT.jar"));
    }

    boolean allStopped() {
        return process.descendants().noneMatch(ProcessHandle::isAlive) && !process.isAlive();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
