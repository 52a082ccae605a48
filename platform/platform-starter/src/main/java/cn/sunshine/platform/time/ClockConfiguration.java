package cn.sunshine.platform.time;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import java.time.Clock;

/**
 * {@code sunshine.clock.adjustable=true}: the service's {@link Clock} is a {@link ProgramClock}
 * and {@code /actuator/clock} sets it; the offset is kept in the service's database, so a service
 * that is restarted mid-year comes back at the programme's time. Refused outside the {@code local} and {@code test}
 * profiles: a deployed service's time is the machine's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sunshine.clock.adjustable", havingValue = "true")
public class ClockConfiguration {

    /** Where the offset is kept, so that a restarted service keeps the programme's time. */
    static final String COLLECTION = "_clock";

    @Bean
    ProgramClock clock(Environment env, org.springframework.beans.factory.ObjectProvider<org.springframework.data.mongodb.core.MongoTemplate> mongo) {
        if (!env.acceptsProfiles(Profiles.of("local | test"))) {
            throw new IllegalStateException("sunshine.clock.adjustable=true is allowed only under the 'local' or 'test' "
                    + "profile: a deployed service keeps the machine's time");
        }
        ProgramClock clock = ProgramClock.systemUTC();
        org.springframework.data.mongodb.core.MongoTemplate m = mongo.getIfAvailable();
        if (m != null) {
            try {
                org.bson.Document kept = m.findById("offset", org.bson.Document.class, COLLECTION);
                if (kept != null && kept.get("offsetMillis") instanceof Number n) {
                    clock.shift(java.time.Duration.ofMillis(n.longValue()));
                }
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ClockConfiguration.class)
                        .warn("the programme clock's offset could not be read; the machine's time it is: {}", e.toString());
            }
        }
        return clock;
    }

    @Bean
    ClockEndpoint clockEndpoint(ProgramClock clock,
                                org.springframework.beans.factory.ObjectProvider<org.springframework.data.mongodb.core.MongoTemplate> mongo) {
        return new ClockEndpoint(clock, offset -> {
            org.springframework.data.mongodb.core.MongoTemplate m = mongo.getIfAvailable();
            if (m != null) {
                m.save(new org.bson.Document("_id", "offset").append("offsetMillis", offset.toMillis()), COLLECTION);
            }
        });
    }
}
