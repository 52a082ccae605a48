package cn.sunshine.platform.test;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Points a service under test at the embedded MongoDB-wire server, the machine's RabbitMQ with
 * names unique to the run (or an embedded broker when none answers: {@link TestBroker}), and the
 * development token key; plain-text logs for readable test output. When the service is ready, checks
 * that every index it declares exists on the embedded store ({@link DeclaredIndexes}).
 */
public class SunshineTestInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        String app = env.getProperty("spring.application.name", "sunshine");
        Map<String, Object> p = new HashMap<>();
        p.put("spring.mongodb.uri", EmbeddedMongo.connectionString("test_" + app.replace('-', '_')));
        p.put("spring.rabbitmq.host", TestRun.rabbitHost());
        p.put("spring.rabbitmq.port", TestRun.rabbitPort());
        p.put("sunshine.messaging.exchange", TestRun.exchange());
        p.put("sunshine.messaging.queue", TestRun.queue(app));
        // The embedded Qpid broker has no quorum queues (RabbitMQ, the machine's, gets them as in a cluster).
        if (TestBroker.isEmbedded(TestBroker.address())) {
            p.put("sunshine.messaging.queue-type", "classic");
        }
        p.put("sunshine.messaging.initial-backoff", "20ms");
        p.put("sunshine.messaging.max-attempts", "3");
        p.put("sunshine.outbox.poll-interval", "100ms");
        p.put("sunshine.outbox.retry-delay", "100ms");
        p.put("spring.security.oauth2.resourceserver.jwt.public-key-location", "classpath:sunshine/dev-jwt-public.pem");
        p.put("logging.structured.format.console", "");
        MapPropertySource source = new MapPropertySource("sunshineTest", p);
        // A test class's own @TestPropertySource / @DynamicPropertySource values win over these.
        var sources = env.getPropertySources();
        if (sources.contains("Dynamic Test Properties")) {
            sources.addAfter("Dynamic Test Properties", source);
        } else if (sources.contains("Inlined Test Properties")) {
            sources.addAfter("Inlined Test Properties", source);
        } else {
            sources.addFirst(source);
        }
        if (!env.matchesProfiles("test")) {
            env.addActiveProfile("test");
        }
        context.addApplicationListener(new DeclaredIndexCheck());
    }

    /**
     * When the service is ready: every index its {@code @Document} classes declare exists on the
     * embedded store (Spring Data's auto index creation ran against it), or the context fails.
     * {@code sunshine.test.check-indexes=false} turns the check off.
     */
    static final class DeclaredIndexCheck implements ApplicationListener<ApplicationReadyEvent> {

        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            var context = event.getApplicationContext();
            if (!context.getEnvironment().getProperty("sunshine.test.check-indexes", Boolean.class, true)) {
                return;
            }
            for (MongoTemplate mongo : context.getBeansOfType(MongoTemplate.class).values()) {
                List<String> missing = DeclaredIndexes.missing(mongo);
                if (!missing.isEmpty()) {
                    throw new IllegalStateException("declared indexes missing from the embedded store: " + missing);
                }
            }
        }
    }
}
