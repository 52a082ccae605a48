package cn.sunshine.devstack;

import de.bwaldvogel.mongo.MongoServer;
import cn.sunshine.embedded.mongo.IndexedH2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB-wire-protocol server (mongo-java-server) on an H2 MVStore file: data survives
 * restarts; delete the file to start from scratch. The backend is {@link IndexedH2Backend}: reads
 * return copies and queries go through the indexes (unique and non-unique) the services declare. No transactions, change streams or
 * {@code hello} (see the platform notes).
 */
final class MongoWire implements AutoCloseable {

    private final MongoServer server;
    private final Path file;

    private MongoWire(MongoServer server, Path file) {
        this.server = server;
        this.file = file;
    }

    static MongoWire start(Path file, String host, int port) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        H2Backend backend;
        try {
            backend = IndexedH2Backend.file(file.toString());
        } catch (RuntimeException e) {
            throw new IllegalStateException("mongo: cannot open " + file
                    + " (is another devstack using it? delete it to reset the data): " + e.getMessage(), e);
        }
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            backend.close();
            throw new IllegalStateException("mongo: cannot bind " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new MongoWire(server, file);
    }

    @Override
    public void close() {
        server.shutdown(); // also closes the backend, which writes and closes the MVStore file
    }

    @Override
    public String toString() {
        return "mongo (" + file + ")";
    }
}
