package cn.sunshine.placement.monitoring;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The monitoring points' sealing of the monitors' phones. */
@Configuration
@EnableConfigurationProperties(MonitorPhones.Keys.class)
class MonitoringConfiguration {

    @Bean
    MonitorPhones monitorPhones(MonitorPhones.Keys keys, Environment env) {
        return new MonitorPhones(keys, env.getActiveProfiles());
    }
}
