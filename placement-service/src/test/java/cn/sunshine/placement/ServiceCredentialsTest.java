package cn.sunshine.placement;

import cn.sunshine.placement.contact.ContactLookups;
import cn.sunshine.placement.contact.ContactLookups.Outcome;
import cn.sunshine.placement.contact.EnrollmentContactClient.Purpose;
import cn.sunshine.platform.security.client.ClientCredentialsTokens;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * placement calls enrollment's contact lookup with its own client-credentials token: fetched from
 * the token endpoint (client_secret_basic, grant client_credentials, scope contacts:read), reused
 * until shortly before it expires, then fetched again; a refused client or token leaves the contact
 * pending and says why. No static token anywhere.
 */
@SunshineServiceTest
class ServiceCredentialsTest {

    private static final String LOOKUPS = "/api/enrollment/contact-lookups";

    private final WireMockServer enrollment = EnrollmentStub.server();
    private final WireMockServer issuer = EnrollmentStub.issuer();

    @Autowired
    private ContactLookups lookups;
    @Autowired
    private ClientCredentialsTokens tokens;
    @Autowired
    private CircuitBreakerRegistry breakers;

    @BeforeEach
    void fresh() {
        enrollment.resetAll();
        enrollment.stubFor(post(urlEqualTo(LOOKUPS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"enrollmentId\":\"e-1\",\"phone\":\"13812345678\",\"lookupId\":\"l-1\"}")));
        EnrollmentStub.issuesTheServiceToken();
        tokens.evictAll();
        breakers.circuitBreaker(ContactLookups.BREAKER).reset();
    }

    @AfterEach
    void restore() {
        enrollment.resetAll();
        EnrollmentStub.issuesTheServiceToken();
        tokens.evictAll();
        breakers.circuitBreaker(ContactLookups.BREAKER).reset();
    }

    @Test
    void theContactClientFetchesOneTokenAndReusesItWhileItIsValid() {
        for (int i = 0; i < 3; i++) {
            assertThat(lookups.lookup("e-1", Purpose.SPOT_CHECK, "5% 电话抽查").outcome()).isEqualTo(Outcome.RETRIEVED);
        }
        List<LoggedRequest> asked = issuer.findAll(postRequestedFor(urlEqualTo(EnrollmentStub.TOKEN_PATH)));
        assertThat(asked).as("one token for three lookups").hasSize(1);
        assertThat(asked.get(0).getHeader("Authorization")).isEqualTo(EnrollmentStub.basic());
        assertThat(asked.get(0).getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(asked.get(0).getBodyAsString()).isEqualTo("grant_type=client_credentials&scope=contacts%3Aread");
        enrollment.verify(3, postRequestedFor(urlEqualTo(LOOKUPS))
                .withHeader("Authorization", equalTo("Bearer " + EnrollmentStub.SERVICE_TOKEN)));
    }

    @Test
    void anExpiredTokenIsReplacedBeforeTheNextLookup() throws Exception {
        String first = TestTokens.client(EnrollmentStub.CLIENT_ID, "enrollment-service", List.of("contacts:read"),
                Seeds.PROVINCE);
        String second = TestTokens.client(EnrollmentStub.CLIENT_ID, "enrollment-service", List.of("contacts:read"),
                Seeds.PROVINCE);
        issuer.resetAll();
        issuer.stubFor(post(urlEqualTo(EnrollmentStub.TOKEN_PATH)).inScenario("rotation")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
                .willReturn(EnrollmentStub.tokenResponse(first, 1)));
        issuer.stubFor(post(urlEqualTo(EnrollmentStub.TOKEN_PATH)).inScenario("rotation")
                .whenScenarioStateIs("second").willReturn(EnrollmentStub.tokenResponse(second, 300)));

        assertThat(lookups.lookup("e-1", Purpose.SPOT_CHECK, "抽查").outcome()).isEqualTo(Outcome.RETRIEVED);
        Thread.sleep(1_100); // the first token has expired
        assertThat(lookups.lookup("e-1", Purpose.SPOT_CHECK, "抽查").outcome()).isEqualTo(Outcome.RETRIEVED);
        assertThat(lookups.lookup("e-1", Purpose.SPOT_CHECK, "抽查").outcome()).isEqualTo(Outcome.RETRIEVED);

        issuer.verify(2, postRequestedFor(urlEqualTo(EnrollmentStub.TOKEN_PATH)));
        enrollment.verify(1, postRequestedFor(urlEqualTo(LOOKUPS)).withHeader("Authorization", equalTo("Bearer " + first)));
        enrollment.verify(2, postRequestedFor(urlEqualTo(LOOKUPS)).withHeader("Authorization", equalTo("Bearer " + second)));
    }

    @Test
    void aRefusedClientLeavesTheContactPendingAndEnrollmentUnasked() {
        issuer.resetAll();
        issuer.stubFor(post(urlEqualTo(EnrollmentStub.TOKEN_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"unknown client or wrong secret\"}")));

        ContactLookups.Answer answer = lookups.lookup("e-1", Purpose.SPOT_CHECK, "抽查");

        assertThat(answer.outcome()).isEqualTo(Outcome.PENDING);
        assertThat(answer.problem()).contains("no token for enrollment", "401", "invalid_client")
                .doesNotContain(EnrollmentStub.CLIENT_SECRET);
        enrollment.verify(0, postRequestedFor(urlEqualTo(LOOKUPS)));
    }

    @Test
    void aTokenEnrollmentRefusesIsDroppedAndTheNextLookupFetchesAnother() {
        enrollment.resetAll();
        enrollment.stubFor(post(urlEqualTo(LOOKUPS)).willReturn(aResponse().withStatus(401)));

        assertThat(lookups.lookup("e-1", Purpose.SPOT_CHECK, "抽查").problem()).contains("401");
        assertThat(lookups.lookup("e-1", Purpose.SPOT_CHECK, "抽查").outcome()).isEqualTo(Outcome.PENDING);

        issuer.verify(2, postRequestedFor(urlEqualTo(EnrollmentStub.TOKEN_PATH)));
    }
}
