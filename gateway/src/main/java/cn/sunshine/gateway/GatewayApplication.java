package cn.sunshine.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The one door of the suite: routes {@code /api/<area>/**} to the service that owns the area,
 * validates the caller's token, limits each caller's rate and request size, and keeps working when
 * a service behind it is down. See {@code docs/gateway.md}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
