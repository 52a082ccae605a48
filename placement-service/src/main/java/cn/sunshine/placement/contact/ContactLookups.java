package cn.sunshine.placement.contact;

import cn.sunshine.placement.contact.EnrollmentContactClient.LookupRequest;
import cn.sunshine.placement.contact.EnrollmentContactClient.Purpose;
import cn.sunshine.platform.identifiers.PersonalData;
import cn.sunshine.platform.security.client.ClientCredentialsException;
import cn.sunshine.platform.security.client.ClientCredentialsTokens;
import feign.FeignException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.stereotype.Component;

/**
 * A trainee's phone through enrollment-service's audited lookup, behind a Resilience4j circuit
 * breaker and time limiter ({@code enrollment-contacts}). It never throws: when enrollment is
 * unavailable, slow or refuses, or no token can be had, the answer says so and the contact stays
 * pending. A token enrollment refuses (401) is dropped, so the next lookup fetches a new one. Phones
 * are logged masked only.
 */
@Component
public class ContactLookups {

    public static final String BREAKER = "enrollment-contacts";

    private static final Logger log = LoggerFactory.getLogger(ContactLookups.class);

    /** RETRIEVED with the phone; NOT_FOUND when enrollment does not know the enrollment; PENDING otherwise. */
    public enum Outcome { RETRIEVED, NOT_FOUND, PENDING }

    public record Answer(Outcome outcome, String phone, String lookupId, String problem) {
    }

    private final EnrollmentContactClient client;
    private final CircuitBreaker breaker;
    private final ClientCredentialsTokens tokens;

    public ContactLookups(EnrollmentContactClient client, CircuitBreakerFactory<?, ?> breakers,
                          ClientCredentialsTokens tokens) {
        this.client = client;
        this.breaker = breakers.create(BREAKER);
        this.tokens = tokens;
    }

    public Answer lookup(String enrollmentId, Purpose purpose, String reason) {
        return breaker.run(() -> {
            try {
                EnrollmentContactClient.ContactView v = client.lookup(new LookupRequest(enrollmentId, purpose, reason));
                if (v == null || v.phone() == null || v.phone().isBlank()) {
                    return new Answer(Outcome.PENDING, null, v == null ? null : v.lookupId(),
                            "enrollment answered without a phone");
                }
                log.info("contact of enrollment {} retrieved for {}: {}", enrollmentId, purpose,
                        PersonalData.maskPhone(v.phone()));
                return new Answer(Outcome.RETRIEVED, v.phone(), v.lookupId(), null);
            } catch (FeignException.NotFound e) {
                // an answer, not a failure of enrollment: it does not count against the breaker
                return new Answer(Outcome.NOT_FOUND, null, null, "enrollment does not know this enrollment");
            } catch (FeignException.Unauthorized e) {
                tokens.evictAll(); // revoked or signed with a retired key: the next lookup asks for another
                throw e;
            }
        }, failure -> {
            log.warn("contact of enrollment {} pending: {}", enrollmentId, describe(failure));
            return new Answer(Outcome.PENDING, null, null, describe(failure));
        });
    }

    private static String describe(Throwable t) {
        if (t instanceof ClientCredentialsException c) {
            return "no token for enrollment: " + c.getMessage();
        }
        if (t.getCause() instanceof ClientCredentialsException c) {
            return "no token for enrollment: " + c.getMessage();
        }
        if (t instanceof FeignException f && f.status() > 0) {
            return "enrollment answered " + f.status();
        }
        if (t instanceof java.util.concurrent.TimeoutException || t.getCause() instanceof java.net.SocketTimeoutException) {
            return "enrollment did not answer in time";
        }
        if (t instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException) {
            return "enrollment is unavailable (circuit open)";
        }
        return "enrollment unreachable (" + t.getClass().getSimpleName() + ")";
    }
}
