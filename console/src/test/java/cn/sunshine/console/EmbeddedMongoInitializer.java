package cn.sunshine.console;

import cn.sunshine.embedded.mongo.IndexedH2Backend;
import de.bwaldvogel.mongo.MongoServer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The console's tests keep their sessions in an in-memory MongoDB-wire server (the devstack's backend), one per
 * test JVM on a free loopback port; every console context a test starts uses it (registered in
 * META-INF/spring.factories), so two contexts share one store as two replicas do.
 */
public class EmbeddedMongoInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static MongoServer server;
    private static String uri;

    public static synchronized String uri() {
        if (server == null) {
            server = new MongoServer(IndexedH2Backend.inMemory());
            server.bind("127.0.0.1", 0);
            InetSocketAddress a = server.getLocalAddress();
            uri = "mongodb://" + a.getHostString() + ":" + a.getPort() + "/sunshine_console";
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.shutdownNow(), "embedded-mongo-stop"));
        }
        return uri;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embedded-mongo",
                Map.of("spring.mongodb.uri", uri())));
    }
}
