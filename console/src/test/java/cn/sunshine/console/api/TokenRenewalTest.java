package cn.sunshine.console.api;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A person at work longer than the provider's access-token lifetime (Keycloak's five minutes) is not sent to
 * sign in: the console renews the access token with the session's refresh token before it calls the gateway, and
 * keeps the renewed one in the session. When the provider refuses the refresh token (the person signed out
 * elsewhere, the provider's session ended), the person signs in again.
 */
class TokenRenewalTest {

    HttpServer server;
    final List<String> bearers = new CopyOnWriteArrayList<>();
    final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    volatile boolean providerRefuses;
    Gateway gateway;
    HttpSessionOAuth2AuthorizedClientRepository clients;
    MockHttpServletRequest request;
    ClientRegistration registration;
    OAuth2AuthenticationToken person;

    @BeforeEach
    void aProviderAndAGateway() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/oidc/token", exchange -> {
            tokenRequests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = (providerRefuses
                    ? "{\"error\":\"invalid_grant\",\"error_description\":\"the refresh token is unknown, ended\"}"
                    : "{\"access_token\":\"renewed-access\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":\"openid profile\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(providerRefuses ? 400 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/api", exchange -> {
            bearers.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        registration = ClientRegistration.withRegistrationId("sunshine")
                .clientId("console").clientSecret("console-dev-secret")
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .authorizationUri(base + "/oidc/authorize").tokenUri(base + "/oidc/token")
                .userNameAttributeName("sub").build();
        clients = new HttpSessionOAuth2AuthorizedClientRepository();
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(
                new InMemoryClientRegistrationRepository(registration), clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken(r -> r.clockSkew(Duration.ofSeconds(60))).build());
        gateway = new Gateway(JsonMapper.builder().build(), manager,
                new ConsoleProperties(base, Duration.ofSeconds(5), "sunshine", List.of()));

        request = new MockHttpServletRequest();
        MockHttpServletResponse response = new MockHttpServletResponse();
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request, response));
        person = new OAuth2AuthenticationToken(new DefaultOAuth2User(AuthorityUtils.createAuthorityList("ROLE_COUNTY_OFFICER"),
                Map.of("sub", "county-officer-yingcheng"), "sub"), AuthorityUtils.createAuthorityList("ROLE_COUNTY_OFFICER"),
                "sunshine");
        SecurityContextHolder.getContext().setAuthentication(person);
    }

    @AfterEach
    void stop() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
        server.stop(0);
    }

    private void sessionHolds(String access, Instant expires, String refresh) {
        clients.saveAuthorizedClient(new OAuth2AuthorizedClient(registration, person.getName(),
                new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, access, expires.minusSeconds(300), expires),
                refresh == null ? null : new OAuth2RefreshToken(refresh, expires.minusSeconds(300))),
                person, request, new MockHttpServletResponse());
    }

    @Test
    void aTokenThatStillHasMinutesIsUsedAsItIs() {
        sessionHolds("current-access", Instant.now().plusSeconds(240), "the-refresh-token");
        gateway.get("/api/enrollment/classes");
        assertThat(bearers).containsExactly("Bearer current-access");
        assertThat(tokenRequests).isEmpty();
    }

    @Test
    void aTokenAboutToExpireIsRenewedWithTheRefreshTokenAndTheRenewedOneIsKept() {
        sessionHolds("old-access", Instant.now().plusSeconds(20), "the-refresh-token");
        gateway.get("/api/enrollment/classes");
        gateway.get("/api/enrollment/classes");
        assertThat(bearers).containsExactly("Bearer renewed-access", "Bearer renewed-access");
        assertThat(tokenRequests).hasSize(1);
        assertThat(tokenRequests.get(0)).contains("grant_type=refresh_token", "refresh_token=the-refresh-token");
        OAuth2AuthorizedClient kept = clients.loadAuthorizedClient("sunshine", person, request);
        assertThat(kept.getAccessToken().getTokenValue()).isEqualTo("renewed-access");
        assertThat(kept.getRefreshToken().getTokenValue()).as("the refresh token stays when none comes back")
                .isEqualTo("the-refresh-token");
    }

    @Test
    void aRefusedRefreshOrNoRefreshTokenMeansSigningInAgainAndNothingIsSent() {
        sessionHolds("old-access", Instant.now().plusSeconds(10), "ended-refresh-token");
        providerRefuses = true;
        assertThatThrownBy(() -> gateway.get("/api/enrollment/classes")).isInstanceOf(SignInAgain.class);
        assertThat((Object) clients.loadAuthorizedClient("sunshine", person, request)).as("the dead tokens leave the session").isNull();

        sessionHolds("old-access", Instant.now().plusSeconds(10), null);
        assertThatThrownBy(() -> gateway.get("/api/enrollment/classes")).isInstanceOf(SignInAgain.class);
        assertThat(bearers).isEmpty();
    }
}
