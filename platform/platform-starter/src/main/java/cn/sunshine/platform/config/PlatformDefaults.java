package cn.sunshine.platform.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.HashMap;
import java.util.Map;

/**
 * The suite's shared defaults, at the lowest precedence: each service's application.yml, the
 * environment and the command line override them. One place instead of five copies.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> d = new HashMap<>();
        String app = env.getProperty("spring.application.name", "sunshine");
        // A suffix lets a run share a broker with others without sharing queues (the end-to-end test).
        d.put("sunshine.messaging.queue", app + ".events${sunshine.messaging.queue-suffix:}");
        // Health: liveness is the process, readiness adds the database (not the broker: events wait in the outbox).
        d.put("management.endpoint.health.probes.enabled", "true");
        d.put("management.endpoint.health.group.liveness.include", "livenessState");
        d.put("management.endpoint.health.group.readiness.include", "readinessState,mongoPing");
        d.put("management.endpoint.health.show-details", "when-authorized");
        d.put("management.endpoint.health.roles", "OPERATOR");
        d.put("management.health.mongo.enabled", "false");
        d.put("management.health.mongodb.enabled", "false");
        d.put("management.endpoints.web.exposure.include", "health,info,prometheus,deadletters,clock,personaldatakeys");
        d.put("management.observations.key-values.application", app);
        // Latency buckets of the HTTP server at the SLOs only (bounded series), for p99 alerts.
        d.put("management.metrics.distribution.slo.http.server.requests", "100ms,250ms,500ms,1s,2s,5s");
        d.put("management.tracing.sampling.probability", "1.0");
        d.put("management.tracing.export.enabled", "false");
        // Messaging: confirms on, short connection timeout so an unreachable broker fails fast.
        d.put("spring.rabbitmq.publisher-confirm-type", "simple");
        d.put("spring.rabbitmq.connection-timeout", "3s");
        d.put("spring.rabbitmq.listener.simple.observation-enabled", "true");
        d.put("spring.rabbitmq.template.observation-enabled", "true");
        // Data: indexes are declared in code and created at startup.
        d.put("spring.data.mongodb.auto-index-creation", "true");
        d.put("spring.mongodb.uri", "mongodb://localhost:27017/sunshine_" + app.replace('-', '_'));
        // Security: a person's token must name this audience (ServiceTokenPolicy; the development tokens,
        // the devstack's and the realm's (deploy/keycloak) carry it). A province may list others.
        d.put("sunshine.security.audiences", "sunshine");
        // Web: problem details, no stack traces, bounded request size.
        d.put("spring.mvc.problemdetails.enabled", "false"); // ProblemDetailsHandler is ours
        // Problems in English unless the caller asks for another language (never the machine's locale): ProblemMessages.
        d.put("spring.web.locale", "en");
        d.put("server.error.include-stacktrace", "never");
        d.put("server.error.include-message", "never");
        d.put("server.shutdown", "graceful");
        d.put("server.tomcat.max-swallow-size", "2MB");
        // Multipart is for attachments (docs/api.md "Attachments"): a file up to sunshine.attachments.max-bytes, the
        // request a little more (the other fields); each part goes to a temporary file, never whole into memory.
        d.put("sunshine.attachments.max-bytes", "20MB");
        d.put("spring.servlet.multipart.max-file-size", "${sunshine.attachments.max-bytes}");
        d.put("spring.servlet.multipart.max-request-size", "${sunshine.attachments.max-request-bytes:21MB}");
        d.put("spring.servlet.multipart.file-size-threshold", "0");
        d.put("spring.threads.virtual.enabled", "false");
        // Logs: structured JSON (ECS) with personal data masked.
        d.put("logging.structured.format.console", "ecs");
        d.put("logging.structured.json.customizer", "cn.sunshine.platform.logging.MaskingJsonMembersCustomizer");
        d.put("springdoc.api-docs.path", "/v3/api-docs");
        env.getPropertySources().addLast(new MapPropertySource("sunshinePlatformDefaults", d));
    }
}
