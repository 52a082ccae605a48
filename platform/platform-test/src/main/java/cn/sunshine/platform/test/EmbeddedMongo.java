package cn.sunshine.platform.test;

import de.bwaldvogel.mongo.MongoServer;
import cn.sunshine.embedded.mongo.IndexedH2Backend;

import java.net.InetSocketAddress;

/**
 * One in-memory MongoDB-wire server per test JVM, on a free loopback port. Its backend
 * ({@link IndexedH2Backend}, the devstack's, in memory) returns copies on every read, as a real
 * MongoDB does — the stock memory backend handed out the documents it stores, so a reader on one
 * connection could see a document half rewritten by an update on another — and answers queries
 * through the indexes the services declare (Spring Data's auto index creation runs against it).
 */
public final class EmbeddedMongo {

    private static MongoServer server;
    private static String address;

    private EmbeddedMongo() {
    }

    public static synchronized String connectionString(String database) {
        if (server == null) {
            server = new MongoServer(IndexedH2Backend.inMemory());
            server.bind("127.0.0.1", 0);
            InetSocketAddress a = server.getLocalAddress();
            address = a.getHostString() + ":" + a.getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.shutdownNow(), "embedded-mongo-stop"));
        }
        return "mongodb://" + address + "/" + database;
    }
}
