package cn.sunshine.subsidy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Subsidy standards and funds, vouchers, claims and their approval chain, payments through the finance bureau, recovery. */
@SpringBootApplication
public class SubsidyApplication {

    public static void main(String[] args) {
        SpringApplication.run(SubsidyApplication.class, args);
    }
}
