package cn.sunshine.placement;

import cn.sunshine.placement.contact.ContactLookups;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the tests that meet enrollment-service's audited contact lookups share: the stub's lookup path, and each test
 * starting with no stubs and the lookups' circuit closed.
 */
abstract class ContactLookupTestSupport extends PlacementTestSupport {

    static final String LOOKUPS = "/api/enrollment/contact-lookups";

    protected final WireMockServer enrollment = EnrollmentStub.server();

    @Autowired
    protected CircuitBreakerRegistry breakers;

    @BeforeEach
    void resetEnrollment() {
        enrollment.resetAll();
        breakers.circuitBreaker(ContactLookups.BREAKER).reset();
    }
}
