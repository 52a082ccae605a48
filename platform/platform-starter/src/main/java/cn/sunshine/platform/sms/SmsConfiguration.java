package cn.sunshine.platform.sms;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The simulated SMS gateway, unless the province's provider (a bean of {@link SmsSender}) is configured. */
@AutoConfiguration
public class SmsConfiguration {

    @Bean
    @ConditionalOnMissingBean(SmsSender.class)
    SimulatedSms simulatedSms() {
        return new SimulatedSms();
    }
}
