package cn.sunshine.platform.config;

import cn.sunshine.platform.messaging.EventJson;
import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.outbox.OutboxProperties;
import cn.sunshine.platform.outbox.OutboxRelay;
import cn.sunshine.platform.messaging.MessagingProperties;
import cn.sunshine.platform.web.IdempotencyProperties;
import cn.sunshine.platform.web.IdempotentRequests;
import cn.sunshine.platform.web.ProblemDetailsHandler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * What every service gets by depending on platform-starter: the clock, event JSON, the outbox
 * (store and relay), problem details, Idempotency-Key handling, a database readiness check, OpenAPI with bearer auth, and
 * a guard against trusting the development token key outside the local and test profiles.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@EnableConfigurationProperties({OutboxProperties.class, MessagingProperties.class, IdempotencyProperties.class})
@org.springframework.context.annotation.Import(cn.sunshine.platform.time.ClockConfiguration.class)
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    EventJson eventJson() {
        return new EventJson();
    }

    /** Calendar dates are stored as {@code YYYY-MM-DD} strings: no time zone can shift them. */
    @Bean
    @ConditionalOnMissingBean
    MongoCustomConversions mongoCustomConversions(org.springframework.beans.factory.ObjectProvider<MongoConverters> more) {
        List<Object> converters = new java.util.ArrayList<>(List.of(new LocalDateToString(), new StringToLocalDate()));
        more.orderedStream().forEach(m -> converters.addAll(m.converters()));
        return new MongoCustomConversions(converters);
    }

    @WritingConverter
    static final class LocalDateToString implements Converter<LocalDate, String> {
        @Override
        public String convert(LocalDate source) {
            return source.toString();
        }
    }

    @ReadingConverter
    static final class StringToLocalDate implements Converter<String, LocalDate> {
        @Override
        public LocalDate convert(String source) {
            return LocalDate.parse(source);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    AggregateStore aggregateStore(MongoTemplate mongo, EventJson json, ObjectProvider<Tracer> tracer,
                                  ObjectProvider<OutboxRelay> relay,
                                  ObjectProvider<cn.sunshine.platform.progress.Tallies> tallies) {
        return new AggregateStore(mongo, json, tracer, relay, tallies);
    }

    /** The progress tallies of the service's figures (docs/reports.md), when it declares any. */
    @Bean
    @ConditionalOnMissingBean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnBean(cn.sunshine.platform.progress.Tallies.Figure.class)
    cn.sunshine.platform.progress.Tallies tallies(MongoTemplate mongo,
                                                  List<cn.sunshine.platform.progress.Tallies.Figure<?>> figures,
                                                  org.springframework.core.env.Environment env) {
        return new cn.sunshine.platform.progress.Tallies(mongo, figures)
                .start(env.getProperty("sunshine.progress.tally-refresh", java.time.Duration.class, java.time.Duration.ofSeconds(2)));
    }

    /** The one way a use case changes an aggregate: scope, If-Match, transition, conditional write (docs/architecture.md). */
    @Bean
    @ConditionalOnMissingBean
    cn.sunshine.platform.usecase.Changes changes(MongoTemplate mongo, AggregateStore store) {
        return new cn.sunshine.platform.usecase.Changes(mongo, store);
    }

    @Bean
    @ConditionalOnMissingBean
    cn.sunshine.platform.outbox.Projections projections(AggregateStore store) {
        return new cn.sunshine.platform.outbox.Projections(store);
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(MongoTemplate mongo, RabbitTemplate rabbit, MessagingProperties messaging,
                            OutboxProperties outbox, Environment env, MeterRegistry meters) {
        // Leases run on wall-clock time, never on the business clock (which tests may freeze).
        OutboxRelay relay = new OutboxRelay(mongo, rabbit, messaging, outbox, Clock.systemUTC(),
                env.getProperty("spring.application.name", "sunshine"), meters);
        Gauge.builder("sunshine.outbox.pending", relay, r -> {
            try {
                return r.pending();
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).description("events waiting in outboxes").register(meters);
        Gauge.builder("sunshine.outbox.oldest.age", relay, r -> {
            try {
                return r.oldestWaitingSeconds();
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).baseUnit("seconds").description("how long the oldest waiting event has waited").register(meters);
        return relay;
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemDetailsHandler problemDetailsHandler(Environment env) {
        return new ProblemDetailsHandler().attachmentMaxBytes(org.springframework.boot.context.properties.bind.Binder.get(env)
                .bind("sunshine.attachments.max-bytes", org.springframework.util.unit.DataSize.class)
                .orElse(org.springframework.util.unit.DataSize.ofMegabytes(20)).toBytes());
    }

    /** Idempotency-Key for creating requests; the application's JSON mapper writes and reads the stored answers. */
    @Bean
    @ConditionalOnMissingBean
    IdempotentRequests idempotentRequests(MongoTemplate mongo, ObjectProvider<tools.jackson.databind.json.JsonMapper> mapper,
                                          EventJson json, IdempotencyProperties props) {
        // Leases run on wall-clock time, never on the business clock (which tests may freeze).
        return new IdempotentRequests(mongo, mapper.getIfAvailable(json::mapper), props, Clock.systemUTC());
    }

    /** Any write with an Idempotency-Key is idempotent (docs/api.md "Idempotency"). */
    @Bean
    @ConditionalOnMissingBean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
            type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
    cn.sunshine.platform.web.IdempotencyFilter idempotencyFilter(IdempotentRequests idempotent,
                                                                 ObjectProvider<tools.jackson.databind.json.JsonMapper> mapper,
                                                                 EventJson json) {
        return new cn.sunshine.platform.web.IdempotencyFilter(idempotent, mapper.getIfAvailable(json::mapper));
    }

    /**
     * JSON bodies above {@code sunshine.web.max-json-body} (default 1 MB) get 413 {@code body-too-large}
     * before security and parsing (docs/api.md "Errors").
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
            type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
    org.springframework.boot.web.servlet.FilterRegistrationBean<cn.sunshine.platform.web.JsonBodyLimitFilter> jsonBodyLimitFilter(
            org.springframework.core.env.Environment env) {
        org.springframework.util.unit.DataSize limit = org.springframework.boot.context.properties.bind.Binder.get(env)
                .bind("sunshine.web.max-json-body", org.springframework.util.unit.DataSize.class)
                .orElse(org.springframework.util.unit.DataSize.ofMegabytes(1));
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                new cn.sunshine.platform.web.JsonBodyLimitFilter(limit));
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 50);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** Every write documents the optional Idempotency-Key header in the OpenAPI document. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnClass(name = "org.springdoc.core.customizers.OperationCustomizer")
    org.springdoc.core.customizers.OperationCustomizer idempotencyKeyInOpenApi() {
        return (operation, handler) -> {
            org.springframework.web.bind.annotation.RequestMapping mapping = org.springframework.core.annotation
                    .AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
                            org.springframework.web.bind.annotation.RequestMapping.class);
            boolean write = mapping != null && java.util.Arrays.stream(mapping.method()).anyMatch(m ->
                    m != org.springframework.web.bind.annotation.RequestMethod.GET
                            && m != org.springframework.web.bind.annotation.RequestMethod.HEAD
                            && m != org.springframework.web.bind.annotation.RequestMethod.OPTIONS);
            boolean declared = operation.getParameters() != null && operation.getParameters().stream()
                    .anyMatch(p -> IdempotentRequests.HEADER.equalsIgnoreCase(p.getName()));
            if (write && !declared) {
                operation.addParametersItem(new io.swagger.v3.oas.models.parameters.HeaderParameter()
                        .name(IdempotentRequests.HEADER).required(false)
                        .schema(new io.swagger.v3.oas.models.media.StringSchema().maxLength(IdempotentRequests.MAX_KEY_LENGTH))
                        .description("Optional. The same key, caller and body answer the first request's answer again "
                                + "(Idempotent-Replayed: true), never a second effect: send any write again with its key "
                                + "after a lost answer, a timeout or a 503. Another body with the same key: 422; the first "
                                + "still running: 409 with Retry-After."));
            }
            return operation;
        };
    }

    @Bean(name = "mongoPingHealthIndicator")
    MongoPingHealthIndicator mongoPing(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }

    @Bean
    @ConditionalOnMissingBean
    OpenAPI sunshineOpenApi(@Value("${spring.application.name:sunshine}") String name) {
        return new OpenAPI()
                .info(new Info().title("Sunshine Project (阳光工程) — " + name).version("v1")
                        .description("Errors are RFC 9457 problem details (urn:sunshine:problem:*). "
                                + "Money is integer fen; dates are Asia/Shanghai."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @Bean
    DevKeyGuard devKeyGuard(Environment env) {
        return new DevKeyGuard(env);
    }
}
