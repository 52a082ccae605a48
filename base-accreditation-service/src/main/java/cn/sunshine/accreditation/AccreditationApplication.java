package cn.sunshine.accreditation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Tenders, expert review, public notice, accreditation of bases, quotas and agreements. */
@SpringBootApplication
public class AccreditationApplication {

    public static void main(String[] args) {
        SpringApplication.run(AccreditationApplication.class, args);
    }
}
