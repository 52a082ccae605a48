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
 * and {@code /actuator/clock} sets it. Refused outside the {@code local} and {@code test}
 * profiles: a deployed service's time is the machine's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sunshine.clock.adjustable", havingValue = "true")
public class ClockConfiguration {

    @Bean
    ProgramClock clock(Environment env) {
        if (!env.acceptsProfiles(Profiles.of("local | test"))) {
            throw new IllegalStateException("sunshine.clock.adjustable=true is allowed only under the 'local' or 'test' "
                    + "profile: a deployed service keeps the machine's time");
        }
        return ProgramClock.systemUTC();
    }

    @Bean
    ClockEndpoint clockEndpoint(ProgramClock clock) {
        return new ClockEndpoint(clock);
    }
}
