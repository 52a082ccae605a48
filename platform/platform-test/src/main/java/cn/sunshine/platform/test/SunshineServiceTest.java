package cn.sunshine.platform.test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A service started whole on a random port against the embedded MongoDB-wire server and the
 * machine's RabbitMQ (names unique to the run). Test classes with this annotation and no other
 * context changes share one Spring context. The clock is a {@link MutableClock} the test moves.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SunshineTestInitializer.class)
@Import(TestClockConfiguration.class)
public @interface SunshineServiceTest {
}
