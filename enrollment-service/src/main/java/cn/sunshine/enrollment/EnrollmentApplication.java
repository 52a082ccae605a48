package cn.sunshine.enrollment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Classes, trainees and their personal data, one subsidy per person per year, assessment, completion, the ledger. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class EnrollmentApplication {

    public static void main(String[] args) {
        SpringApplication.run(EnrollmentApplication.class, args);
    }
}
