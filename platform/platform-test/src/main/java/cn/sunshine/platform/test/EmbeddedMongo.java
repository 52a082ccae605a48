package cn.sunshine.platform.test;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.net.InetSocketAddress;

/** One in-memory MongoDB-wire server per test JVM, on a free loopback port. */
public final class EmbeddedMongo {

    private static MongoServer server;
    private static String address;

    private EmbeddedMongo() {
    }

    public static synchronized String connectionString(String database) {
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            InetSocketAddress a = server.getLocalAddress();
            address = a.getHostString() + ":" + a.getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.shutdownNow(), "embedded-mongo-stop"));
        }
        return "mongodb://" + address + "/" + database;
    }
}
