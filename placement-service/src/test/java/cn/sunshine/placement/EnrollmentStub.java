package cn.sunshine.placement;

import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * enrollment-service played by WireMock (standalone) on 127.0.0.1 and a random port, for the
 * module's one Spring context, and the identity provider's token endpoint played by another
 * (so that a test resetting enrollment's stubs keeps the issuer): placement's client
 * ({@value #CLIENT_ID} / {@value #CLIENT_SECRET}) gets {@link #SERVICE_TOKEN} there, and the contact
 * client carries it. Stopped with the JVM.
 */
public class EnrollmentStub implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String CLIENT_ID = "placement-service";
    public static final String CLIENT_SECRET = "placement-test-secret";
    public static final String TOKEN_PATH = "/oauth2/token";

    /**
     * The client-credentials token the stub issuer hands placement (audience enrollment-service,
     * scope contacts:read, the province), as the devstack's token endpoint mints it.
     */
    public static final String SERVICE_TOKEN = TestTokens.client(CLIENT_ID, "enrollment-service",
            List.of("contacts:read"), Seeds.PROVINCE);

    private static WireMockServer server;
    private static WireMockServer issuer;

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = start("enrollment-stub-stop");
        }
        return server;
    }

    public static synchronized WireMockServer issuer() {
        if (issuer == null) {
            issuer = start("issuer-stub-stop");
            issuesTheServiceToken();
        }
        return issuer;
    }

    /** The issuer's usual answers: the service token for placement's credentials, 401 invalid_client otherwise. */
    public static void issuesTheServiceToken() {
        WireMockServer s = issuer();
        s.resetAll();
        s.stubFor(post(urlEqualTo(TOKEN_PATH)).atPriority(10).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"unknown client or wrong secret\"}")));
        s.stubFor(post(urlEqualTo(TOKEN_PATH)).atPriority(1)
                .withHeader("Authorization", equalTo(basic()))
                .withRequestBody(containing("grant_type=client_credentials"))
                .willReturn(tokenResponse(SERVICE_TOKEN, 300)));
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tokenResponse(String token,
                                                                                                 long expiresIn) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("Cache-Control", "no-store")
                .withBody("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
                        + ",\"scope\":\"contacts:read\"}");
    }

    /** {@code Authorization: Basic …} of placement's credentials (client_secret_basic). */
    public static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static WireMockServer start(String stopThread) {
        WireMockServer s = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        s.start();
        Runtime.getRuntime().addShutdownHook(new Thread(s::stop, stopThread));
        return s;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        WireMockServer s = server();
        WireMockServer i = issuer();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("enrollment-stub", Map.of(
                "sunshine.placement.enrollment.url", "http://127.0.0.1:" + s.port(),
                "sunshine.security.client.id", CLIENT_ID,
                "sunshine.security.client.secret", CLIENT_SECRET,
                "sunshine.security.client.token-uri", "http://127.0.0.1:" + i.port() + TOKEN_PATH,
                "sunshine.placement.enrollment.read-timeout", "PT0.8S")));
    }
}
