package cn.sunshine.accreditation.notice;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The simulated SMS gateway, unless the province's provider ({@link ObjectionSms}) is configured. */
@Configuration(proxyBeanMethods = false)
class ObjectionSmsConfiguration {

    @Bean
    @ConditionalOnMissingBean(ObjectionSms.class)
    SimulatedObjectionSms simulatedObjectionSms() {
        return new SimulatedObjectionSms();
    }
}
