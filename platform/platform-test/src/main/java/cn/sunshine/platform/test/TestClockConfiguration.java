package cn.sunshine.platform.test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.time.Instant;

/**
 * Services under test run on a clock the test moves: 2026-06-30T02:00:00Z (10:00 in Shanghai on
 * the day a county's accreditation is decided) until a test advances it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

    public static final Instant START = Instant.parse("2026-06-30T02:00:00Z");

    @Bean
    MutableClock clock() {
        return new MutableClock(START);
    }
}
