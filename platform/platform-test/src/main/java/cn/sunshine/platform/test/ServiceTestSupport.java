package cn.sunshine.platform.test;

import cn.sunshine.platform.messaging.MessagingProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a service's HTTP-level test class usually needs: the service's port and an {@link Http}
 * driver, the movable clock (put back after each test), and a tap on everything the run publishes.
 * Extend it from a class annotated {@link SunshineServiceTest}.
 */
public abstract class ServiceTestSupport {

    protected static EventTap tap;

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @BeforeAll
    static void openTap(@Autowired MessagingProperties messaging) {
        tap = EventTap.open(messaging.getExchange());
    }

    @AfterAll
    static void closeTap() {
        if (tap != null) {
            tap.close();
        }
    }

    @AfterEach
    void restoreClock() {
        clock.set(TestClockConfiguration.START);
    }

    protected Http http() {
        return Http.local(port);
    }
}
