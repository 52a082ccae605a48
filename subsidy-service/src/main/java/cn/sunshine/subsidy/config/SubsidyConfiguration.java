package cn.sunshine.subsidy.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SubsidyProperties.class)
@EnableFeignClients(basePackages = "cn.sunshine.subsidy.payment")
@EnableScheduling
class SubsidyConfiguration {
}
