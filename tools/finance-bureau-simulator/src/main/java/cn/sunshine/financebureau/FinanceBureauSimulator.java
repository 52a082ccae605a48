package cn.sunshine.financebureau;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * A stand-in for a county finance bureau's (财政局) payment system: it takes payment instructions
 * from the earmarked account (专帐专户), pays them once per instruction id, answers their status and a
 * daily statement. Everything is in memory; an admin endpoint switches slowness, errors and outages on.
 */
@SpringBootApplication
@org.springframework.boot.context.properties.EnableConfigurationProperties(Callbacks.Settings.class)
public class FinanceBureauSimulator {

    public static void main(String[] args) {
        SpringApplication.run(FinanceBureauSimulator.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
