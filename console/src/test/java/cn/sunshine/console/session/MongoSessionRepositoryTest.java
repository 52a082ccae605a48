package cn.sunshine.console.session;

import cn.sunshine.console.EmbeddedMongoInitializer;
import cn.sunshine.platform.crypto.EnvelopeCipher;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two console replicas (two MongoDB clients, two repositories) over one store: what one saves the other opens,
 * tokens and all, and nothing of the tokens is stored in the clear.
 */
class MongoSessionRepositoryTest {

    static final String KEY = "c2Vzc2lvbi10ZXN0LWtlay0zMi1ieXRlcy1sb25nISE=";
    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.access-token-of-the-leader.signature";
    static MongoClient clientA;
    static MongoClient clientB;

    @BeforeAll
    static void store() {
        clientA = MongoClients.create(EmbeddedMongoInitializer.uri());
        clientB = MongoClients.create(EmbeddedMongoInitializer.uri());
    }

    @AfterAll
    static void close() {
        clientA.close();
        clientB.close();
    }

    static MongoSessionRepository replica(MongoClient client, Map<String, String> keys, String current, Clock clock) {
        return new MongoSessionRepository(new MongoTemplate(client, "sunshine_console_repo_test"),
                new EnvelopeCipher(current, keys), Duration.ofMinutes(30), clock);
    }

    static MongoSessionRepository replica(MongoClient client) {
        return replica(client, Map.of("k1", KEY), "k1", Clock.systemUTC());
    }

    /** A new session saved by {@code replica}, holding {@code value} as {@code name} (a null name: nothing). */
    static MongoSessionRepository.StoredSession saved(MongoSessionRepository replica, String name, Object value) {
        MongoSessionRepository.StoredSession s = replica.createSession();
        if (name != null) {
            s.setAttribute(name, value);
        }
        replica.save(s);
        return s;
    }

    static Document stored(String id) {
        return clientA.getDatabase("sunshine_console_repo_test").getCollection("sessions").find(Filters.eq("_id", id)).first();
    }

    static OAuth2AuthenticationToken leader() {
        OidcIdToken id = new OidcIdToken("id-token-value", Instant.now(), Instant.now().plusSeconds(600), Map.of("sub",
                "county-leader-yingcheng", "name", "应城市 分管副市长", "roles", List.of("COUNTY_LEADER"), "division", "420981"));
        return new OAuth2AuthenticationToken(new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")), id, "sub"),
                List.of(new SimpleGrantedAuthority("OIDC_USER")), "sunshine");
    }

    static OAuth2AuthorizedClient client() {
        ClientRegistration registration = ClientRegistration.withRegistrationId("sunshine").clientId("console")
                .clientSecret("s").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}").scope("openid", "profile")
                .authorizationUri("http://localhost:9000/oidc/authorize").tokenUri("http://localhost:9000/oidc/token")
                .jwkSetUri("http://localhost:9000/.well-known/jwks.json").userNameAttributeName("sub").build();
        return new OAuth2AuthorizedClient(registration, "county-leader-yingcheng", new OAuth2AccessToken(
                OAuth2AccessToken.TokenType.BEARER, TOKEN, Instant.now(), Instant.now().plusSeconds(3600)));
    }

    @Test
    void aSessionSavedByOneReplicaOpensInTheOtherWithItsTokensAndHoldsNoTokenInTheClear() {
        MongoSessionRepository a = replica(clientA);
        MongoSessionRepository b = replica(clientB);
        MongoSessionRepository.StoredSession s = a.createSession();
        s.setAttribute("SPRING_SECURITY_CONTEXT", new SecurityContextImpl(leader()));
        Map<String, OAuth2AuthorizedClient> clients = new HashMap<>();
        clients.put("sunshine", client());
        s.setAttribute("org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository.AUTHORIZED_CLIENTS", clients);
        s.setAttribute(CsrfToken.class.getName(), new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "csrf-value-1"));
        s.setAttribute("bytes", new byte[] {1, 2, 3});
        a.save(s);

        MongoSessionRepository.StoredSession found = b.findById(s.getId());
        assertThat(found).isNotNull();
        SecurityContextImpl context = found.getAttribute("SPRING_SECURITY_CONTEXT");
        assertThat(context.getAuthentication().getName()).isEqualTo("county-leader-yingcheng");
        assertThat(((DefaultOidcUser) context.getAuthentication().getPrincipal()).getClaimAsString("division")).isEqualTo("420981");
        Map<String, OAuth2AuthorizedClient> back = found.getAttribute(
                "org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository.AUTHORIZED_CLIENTS");
        assertThat(back.get("sunshine").getAccessToken().getTokenValue()).isEqualTo(TOKEN);
        assertThat(((CsrfToken) found.getAttribute(CsrfToken.class.getName())).getToken()).isEqualTo("csrf-value-1");
        assertThat((byte[]) found.getAttribute("bytes")).containsExactly(1, 2, 3);
        assertThat(found.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(30));

        Document doc = stored(s.getId());
        assertThat(doc.getString("principal")).isEqualTo("county-leader-yingcheng");
        String raw = doc.toJson();
        byte[] data = doc.get("attributes", Document.class).get("data", org.bson.types.Binary.class).getData();
        String sealed = new String(data, StandardCharsets.ISO_8859_1);
        for (String secret : List.of(TOKEN, "id-token-value", "csrf-value-1", "应城市", "access-token-of-the-leader")) {
            assertThat(raw).doesNotContain(secret);
            assertThat(sealed).doesNotContain(secret);
        }
        assertThat(doc.get("attributes", Document.class).getString("kid")).isEqualTo("k1");
    }

    @Test
    void aRequestThatChangedNothingWritesItsTimeOnlyAndAChangeSealsAnew() {
        MongoSessionRepository a = replica(clientA);
        MongoSessionRepository.StoredSession s = saved(a, "x", "1");
        Document first = stored(s.getId());

        MongoSessionRepository.StoredSession again = replica(clientB).findById(s.getId());
        again.setLastAccessedTime(Instant.now().plusSeconds(5));
        replica(clientB).save(again);
        Document touched = stored(s.getId());
        assertThat(touched.get("attributes")).isEqualTo(first.get("attributes"));
        assertThat(touched.getDate("expiresAt")).isAfter(first.getDate("expiresAt"));

        again.setAttribute("x", "2");
        replica(clientB).save(again);
        assertThat(stored(s.getId()).get("attributes")).isNotEqualTo(first.get("attributes"));
        assertThat((String) a.findById(s.getId()).getAttribute("x")).isEqualTo("2");
    }

    @Test
    void signingInChangesTheIdAndTheOldOneIsGone() {
        MongoSessionRepository a = replica(clientA);
        MongoSessionRepository.StoredSession s = saved(a, "x", "1");
        String before = s.getId();
        MongoSessionRepository.StoredSession loaded = a.findById(before);
        String after = loaded.changeSessionId();
        a.save(loaded);
        assertThat(after).isNotEqualTo(before);
        assertThat(a.findById(before)).isNull();
        assertThat((String) replica(clientB).findById(after).getAttribute("x")).isEqualTo("1");
    }

    @Test
    void aSessionEndedOnOneReplicaIsNotBroughtBackByAnother() {
        MongoSessionRepository a = replica(clientA);
        MongoSessionRepository b = replica(clientB);
        MongoSessionRepository.StoredSession s = saved(a, null, null);
        MongoSessionRepository.StoredSession onB = b.findById(s.getId());
        a.deleteById(s.getId()); // signed out through replica A
        onB.setAttribute("late", "write");
        b.save(onB);
        assertThat(stored(s.getId())).isNull();
    }

    @Test
    void anIdleSessionEndsForEveryReplica() {
        Instant now = Instant.parse("2026-04-15T02:00:00Z");
        MongoSessionRepository a = replica(clientA, Map.of("k1", KEY), "k1", Clock.fixed(now, ZoneOffset.UTC));
        MongoSessionRepository.StoredSession s = saved(a, null, null);
        MongoSessionRepository later = replica(clientB, Map.of("k1", KEY), "k1", Clock.fixed(now.plus(Duration.ofMinutes(31)), ZoneOffset.UTC));
        assertThat(later.findById(s.getId())).isNull();
        assertThat(stored(s.getId())).isNull();

        MongoSessionRepository.StoredSession t = saved(a, null, null);
        assertThat(later.deleteExpired()).isGreaterThanOrEqualTo(1);
        assertThat(stored(t.getId())).isNull();
    }

    @Test
    void aSessionOpensUnderAPreviousKeyAndOneSealedUnderAnUnknownKeyIsDropped() {
        MongoSessionRepository old = replica(clientA);
        MongoSessionRepository.StoredSession s = saved(old, "x", "1");
        String newKey = "bmV3LXNlc3Npb24ta2VrLW9mLTMyLWJ5dGVzLWxvbmc=";
        MongoSessionRepository rotated = replica(clientB, Map.of("k1", KEY, "k2", newKey), "k2", Clock.systemUTC());
        MongoSessionRepository.StoredSession opened = rotated.findById(s.getId());
        assertThat((String) opened.getAttribute("x")).isEqualTo("1");
        opened.setAttribute("x", "2");
        rotated.save(opened);
        assertThat(stored(s.getId()).get("attributes", Document.class).getString("kid")).isEqualTo("k2");

        MongoSessionRepository other = replica(clientB, Map.of("k9", newKey.replace('b', 'c')), "k9", Clock.systemUTC());
        assertThat(other.findById(s.getId())).isNull();
        assertThat(stored(s.getId())).as("dropped: its person signs in again").isNull();
    }

    @Test
    void onlyTheExpectedClassesAreReadBack() {
        MongoSessionRepository a = replica(clientA);
        MongoSessionRepository.StoredSession s = saved(a, "odd", new javax.management.Attribute("name", "value"));
        assertThat(replica(clientB).findById(s.getId())).isNull();
    }

    @Test
    void theDevelopmentKeyIsRefusedOutsideTheLocalAndTestProfiles() {
        SessionProperties dev = new SessionProperties(Duration.ofMinutes(30), "SUNSHINE_CONSOLE", true, "dev-console-1",
                SessionConfiguration.DEV_KEY, Map.of());
        MockEnvironment cluster = new MockEnvironment();
        cluster.setActiveProfiles("cluster");
        MongoTemplate mongo = new MongoTemplate(clientA, "sunshine_console_repo_test");
        assertThatThrownBy(() -> new SessionConfiguration().sessionRepository(mongo, dev, cluster))
                .hasMessageContaining("development key");
        SessionProperties none = new SessionProperties(Duration.ofMinutes(30), "SUNSHINE_CONSOLE", true, null, null, null);
        assertThatThrownBy(() -> new SessionConfiguration().sessionRepository(mongo, none, cluster))
                .hasMessageContaining("key-encryption key is required");
        MockEnvironment local = new MockEnvironment();
        local.setActiveProfiles("local");
        assertThat(new SessionConfiguration().sessionRepository(mongo, dev, local)).isNotNull();
    }

    @Test
    void anOperatorSeesLiveSessionsByHandleNeverByIdAndEndsOne() {
        MongoSessionRepository a = replica(clientA);
        MongoSessionRepository.StoredSession s = saved(a, "SPRING_SECURITY_CONTEXT", new SecurityContextImpl(leader()));
        MongoSessionRepository.StoredSession anonymous = saved(a, null, null);
        java.util.List<MongoSessionRepository.LiveSession> live = replica(clientB).liveSessions(1000);
        MongoSessionRepository.LiveSession mine = live.stream().filter(l -> l.handle().equals(MongoSessionRepository.handle(s.getId())))
                .findFirst().orElseThrow();
        assertThat(mine.principal()).isEqualTo("county-leader-yingcheng");
        assertThat(mine.handle()).hasSize(16).isNotEqualTo(s.getId()).doesNotContain(s.getId().substring(0, 8));
        assertThat(live).noneMatch(l -> l.handle().equals(MongoSessionRepository.handle(anonymous.getId())));
        assertThat(replica(clientB).endByHandle(mine.handle())).isTrue();
        assertThat(a.findById(s.getId())).as("signed out on every replica").isNull();
        assertThat(replica(clientB).endByHandle("not-a-handle")).isFalse();
    }
}
