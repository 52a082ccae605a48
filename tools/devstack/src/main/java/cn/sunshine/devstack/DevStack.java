package cn.sunshine.devstack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local run's infrastructure in one plain-Java process (no Spring):
 * <ul>
 *   <li>{@code mongo}: a MongoDB-wire server (mongo-java-server on an H2 MVStore file, data kept
 *       across restarts) on 127.0.0.1:27017, unless something already answers there;</li>
 *   <li>{@code amqp}: the RabbitMQ already listening on 127.0.0.1:5672 if there is one, otherwise
 *       an in-process Qpid Broker-J speaking AMQP 0-9-1 (in memory, guest/guest);</li>
 *   <li>{@code issuer}: the development token issuer on 127.0.0.1:9000.</li>
 * </ul>
 * It prints one line per component, then {@code devstack ready}; a shutdown hook stops everything
 * on SIGTERM / Ctrl-C.
 *
 * <p>Options (each also as a system property {@code devstack.<name>}): {@code --mongo-port=},
 * {@code --amqp-port=}, {@code --issuer-port=}, {@code --data-dir=}, {@code --bind=}, {@code --verbose},
 * {@code --issuer-only} (the token issuer alone, e.g. beside docker-compose's real MongoDB and RabbitMQ).
 * {@code --bind=} is the address the servers listen on: {@code 127.0.0.1} by default; inside a
 * container {@code --bind=0.0.0.0}, so that other containers can reach it (the probes for
 * something already answering always go to the loopback address).
 */
public final class DevStack implements AutoCloseable {

    /** The address probed, and by default the only one bound (see {@link Settings#bind()}). */
    public static final String HOST = "127.0.0.1";
    public static final String READY = "devstack ready";

    /** What to start where. */
    public record Settings(int mongoPort, int amqpPort, int issuerPort, Path dataDir, String bind, boolean verbose,
                           boolean issuerOnly) {

        public static final int DEFAULT_MONGO_PORT = 27017;
        public static final int DEFAULT_AMQP_PORT = 5672;
        public static final int DEFAULT_ISSUER_PORT = 9000;

        public Settings {
            checkPort("mongo-port", mongoPort);
            checkPort("amqp-port", amqpPort);
            checkPort("issuer-port", issuerPort);
            dataDir = dataDir.toAbsolutePath().normalize();
            bind = checkBind(bind);
        }

        /** The settings before {@code --bind} existed: loopback only. */
        public Settings(int mongoPort, int amqpPort, int issuerPort, Path dataDir, boolean verbose) {
            this(mongoPort, amqpPort, issuerPort, dataDir, HOST, verbose);
        }

        /** Everything started (not {@code --issuer-only}). */
        public Settings(int mongoPort, int amqpPort, int issuerPort, Path dataDir, String bind, boolean verbose) {
            this(mongoPort, amqpPort, issuerPort, dataDir, bind, verbose, false);
        }

        public static Settings defaults() {
            return parse(new String[0]);
        }

        /** Command-line options override system properties {@code devstack.*}, which override defaults. */
        public static Settings parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (String name : new String[] {"mongo-port", "amqp-port", "issuer-port", "data-dir", "bind", "verbose",
                    "issuer-only"}) {
                String v = System.getProperty("devstack." + name);
                if (v != null) {
                    given.put(name, v);
                }
            }
            for (String arg : args) {
                if (arg.equals("--verbose") || arg.equals("--issuer-only")) {
                    given.put(arg.substring(2), "true");
                    continue;
                }
                int eq = arg.indexOf('=');
                if (!arg.startsWith("--") || eq < 0) {
                    throw new IllegalArgumentException("unknown argument: " + arg);
                }
                String name = arg.substring(2, eq);
                if (!name.matches("mongo-port|amqp-port|issuer-port|data-dir|bind|verbose|issuer-only")) {
                    throw new IllegalArgumentException("unknown option: --" + name);
                }
                given.put(name, arg.substring(eq + 1));
            }
            return new Settings(
                    port(given, "mongo-port", DEFAULT_MONGO_PORT),
                    port(given, "amqp-port", DEFAULT_AMQP_PORT),
                    port(given, "issuer-port", DEFAULT_ISSUER_PORT),
                    Path.of(given.getOrDefault("data-dir", "data")),
                    given.getOrDefault("bind", HOST),
                    Boolean.parseBoolean(given.getOrDefault("verbose", "false")),
                    Boolean.parseBoolean(given.getOrDefault("issuer-only", "false")));
        }

        public Path mongoFile() {
            return dataDir.resolve("mongo.mv");
        }

        public Path qpidWorkDir() {
            return dataDir.resolve("qpid");
        }

        private static int port(Map<String, String> given, String name, int fallback) {
            String v = given.get(name);
            if (v == null || v.isBlank()) {
                return fallback;
            }
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " is not a port number: " + v);
            }
        }

        /** An IP address literal (no host names: nothing to resolve); blank means the loopback address. */
        private static String checkBind(String bind) {
            if (bind == null || bind.isBlank()) {
                return HOST;
            }
            String b = bind.trim();
            if (!b.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
                throw new IllegalArgumentException("--bind must be an IP address such as 127.0.0.1 or 0.0.0.0: " + bind);
            }
            return b;
        }

        private static void checkPort(String name, int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--" + name + " out of range: " + port);
            }
        }
    }

    private final Settings settings;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private boolean mongoEmbedded;
    private boolean amqpEmbedded;
    private TokenIssuer issuer;
    private boolean closed;

    private DevStack(Settings settings) {
        this.settings = settings;
    }

    /**
     * Starts the components, printing one line per component and then {@link #READY}. If one
     * fails, the ones already started are stopped and the exception is thrown.
     */
    public static DevStack start(Settings settings, PrintStream out) throws Exception {
        DevStack stack = new DevStack(settings);
        try {
            if (settings.issuerOnly()) {
                out.println("mongo: not started (--issuer-only)");
                out.println("amqp: not started (--issuer-only)");
            } else {
                stack.startMongo(out);
                stack.startAmqp(out);
            }
            stack.startIssuer(out);
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
        out.println(READY);
        out.flush();
        return stack;
    }

    private void startMongo(PrintStream out) throws Exception {
        int port = settings.mongoPort();
        if (Ports.answers(HOST, port)) {
            out.println("mongo: something already answers on " + HOST + ":" + port
                    + "; using it (no embedded server started)");
            return;
        }
        MongoWire mongo = MongoWire.start(settings.mongoFile(), settings.bind(), port);
        running.push(mongo);
        mongoEmbedded = true;
        out.println("mongo: embedded MongoDB-wire server (mongo-java-server, H2 file " + settings.mongoFile()
                + ") at mongodb://" + settings.bind() + ":" + port);
        out.flush();
    }

    private void startAmqp(PrintStream out) throws Exception {
        int port = settings.amqpPort();
        if (Ports.answers(HOST, port)) {
            out.println("amqp: a broker already answers on " + HOST + ":" + port
                    + "; using it (expects guest/guest; no embedded broker started)");
            return;
        }
        QpidBroker qpid = QpidBroker.start(settings.bind(), port, settings.qpidWorkDir());
        running.push(qpid);
        amqpEmbedded = true;
        out.println("amqp: embedded Qpid Broker-J " + QpidBroker.version()
                + " (AMQP 0-9-1, in memory: messages do not survive a restart, guest/guest) at amqp://"
                + settings.bind() + ":" + port);
        out.flush();
    }

    private void startIssuer(PrintStream out) throws Exception {
        int port = settings.issuerPort();
        if (Ports.answers(HOST, port)) {
            throw new IllegalStateException("issuer: port " + HOST + ":" + port
                    + " is already in use (another devstack still running?); stop it or pass --issuer-port=");
        }
        issuer = TokenIssuer.start(settings.bind(), port);
        running.push(issuer);
        OidcProvider oidc = new OidcProvider("http://localhost:" + port);
        issuer.mount(OidcProvider.PATH, oidc::handle);
        out.println("issuer: development token issuer at " + issuer.baseUrl()
                + " (GET /dev/users, /dev/tokens/{username}, /.well-known/jwks.json; the console's OpenID Connect"
                + " provider at " + oidc.issuer() + ")");
        out.flush();
    }

    public Settings settings() {
        return settings;
    }

    public String mongoUri() {
        return "mongodb://" + HOST + ":" + settings.mongoPort();
    }

    public int amqpPort() {
        return settings.amqpPort();
    }

    public String issuerUrl() {
        return "http://" + HOST + ":" + settings.issuerPort();
    }

    /** Whether this process runs the MongoDB-wire server (false: something else answered). */
    public boolean mongoEmbedded() {
        return mongoEmbedded;
    }

    /** Whether this process runs the AMQP broker (false: a broker already answered). */
    public boolean amqpEmbedded() {
        return amqpEmbedded;
    }

    /** Stops what this process started, newest first. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!running.isEmpty()) {
            AutoCloseable c = running.pop();
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("devstack: error stopping " + c + ": " + e);
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Settings settings;
        try {
            if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
                usage(System.out);
                return;
            }
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("devstack: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        configureLogging(settings.verbose());

        DevStack stack;
        try {
            stack = start(settings, System.out);
        } catch (Exception e) {
            System.err.println("devstack failed to start: " + e);
            if (settings.verbose()) {
                e.printStackTrace();
            }
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("devstack: stopping");
            stack.close();
            System.out.println("devstack stopped");
            System.out.flush();
            stopped.countDown();
        }, "devstack-shutdown"));
        // Wait for the shutdown hook; the JVM exits once it has run.
        stopped.await();
    }

    /** slf4j-simple reads these once, when the first logger is created: Qpid and the server are quiet by default. */
    private static void configureLogging(boolean verbose) {
        // Qpid logs every connection and channel as an operational message at INFO.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    }

    private static void usage(PrintStream out) {
        out.println(String.join(System.lineSeparator(),
                "usage: java -jar devstack.jar [--mongo-port=27017] [--amqp-port=5672] [--issuer-port=9000]"
                        + " [--data-dir=./data] [--bind=127.0.0.1] [--verbose] [--issuer-only]",
                "  each option can also be given as a system property, e.g. -Ddevstack.mongo-port=27018",
                "  --bind: the address to listen on (127.0.0.1; 0.0.0.0 inside a container)",
                "  mongo:  MongoDB-wire server on 127.0.0.1 (data in <data-dir>/mongo.mv), unless the port answers",
                "  amqp:   in-process Qpid Broker-J (AMQP 0-9-1, guest/guest), unless a broker already answers",
                "  issuer: development tokens on http://127.0.0.1:<issuer-port>/dev/tokens/{username}, and the",
                "          service clients' client-credentials tokens on POST /oauth2/token",
                "  --issuer-only: start the issuer alone (no MongoDB-wire server, no broker)"));
    }
}
