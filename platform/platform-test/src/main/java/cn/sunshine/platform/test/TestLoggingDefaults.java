package cn.sunshine.platform.test;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Plain-text logs in test JVMs (this library is only ever a test dependency): logging starts
 * before any test initializer runs, so the switch has to come this early.
 */
public class TestLoggingDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        env.getPropertySources().addFirst(new MapPropertySource("sunshineTestLogging",
                Map.of("logging.structured.format.console", "",
                        "logging.level.de.bwaldvogel.mongo", "WARN",
                        "logging.level.org.springdoc", "WARN",
                        "logging.level.org.mongodb.driver", "WARN",
                        "logging.level.org.springframework", "WARN",
                        "logging.level.org.apache", "WARN",
                        "logging.level.qpid", "WARN",
                        "logging.level.org.hibernate.validator", "WARN")));
    }
}
