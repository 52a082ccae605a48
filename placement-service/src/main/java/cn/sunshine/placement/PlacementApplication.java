package cn.sunshine.placement;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;

/** Employer orders, placements, follow-up, re-placement, labour-rights escalation and spot checks. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableFeignClients
public class PlacementApplication {

    public static void main(String[] args) {
        SpringApplication.run(PlacementApplication.class, args);
    }
}
