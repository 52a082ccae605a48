package cn.sunshine.console;

import cn.sunshine.console.api.Gateway;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;

/** Signed-in people and the gateway's answers for the pages' tests with the gateway mocked. */
public final class PageTestSupport {

    private PageTestSupport() {
    }

    /** A person signed in with these claims (sub, name, roles, division …), their token valid ten minutes. */
    public static OidcUser user(Map<String, Object> claims) {
        return new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")),
                new OidcIdToken("t", Instant.now(), Instant.now().plusSeconds(600), claims));
    }

    /** Someone named by their user name, of one role in one division (base staff: of {@code baseId}). */
    public static OidcUser user(String sub, String role, String division, String baseId) {
        Map<String, Object> claims = new LinkedHashMap<>(Map.of("sub", sub, "name", sub, "preferred_username", sub,
                "roles", List.of(role), "division", division));
        if (baseId != null) {
            claims.put("baseId", baseId);
        }
        return user(claims);
    }

    public static OidcUser user(String sub, String role, String division) {
        return user(sub, role, division, null);
    }

    /** 应城市阳光办's director (张主任) in the given role, as the dashboards greet them. */
    public static OidcUser director(String role) {
        return user(Map.of("sub", "u", "name", "应城市阳光办 张主任", "roles", List.of(role), "division", "420981"));
    }

    public static Gateway.Answer answer(Object body) {
        return answer(body, null);
    }

    /** An answer with its ETag (null: none). */
    public static Gateway.Answer answer(Object body, String etag) {
        HttpHeaders h = new HttpHeaders();
        if (etag != null) {
            h.setETag(etag);
        }
        return new Gateway.Answer(200, h, body);
    }

    /** What a captured header writer sets. */
    public static HttpHeaders sent(ArgumentCaptor<Consumer<HttpHeaders>> captor) {
        HttpHeaders h = new HttpHeaders();
        captor.getValue().accept(h);
        return h;
    }

    /** A list's only page as the services answer it: {@code {items, page, size, total}}. */
    public static Gateway.Answer page(Map<?, ?>... items) {
        return answer(Map.of("items", List.of(items), "page", 0, "size", 500, "total", items.length));
    }

    /**
     * A record as an API answers it, its fields in order ({@code "id", "p-1", "version", 3, …}); unlike
     * {@code Map.of} a field may be null and there may be any number of them.
     */
    public static Map<String, Object> fields(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("a name without its value");
        }
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            record.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return record;
    }

    @SuppressWarnings("unchecked")
    public static HttpHeaders headersSent(Gateway gateway, String path) {
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.forClass(Consumer.class);
        verify(gateway).post(eq(path), any(), headers.capture());
        return sent(headers);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> bodySent(Gateway gateway, String path) {
        ArgumentCaptor<Object> body = ArgumentCaptor.forClass(Object.class);
        verify(gateway).post(eq(path), body.capture(), any());
        return (Map<String, Object>) body.getValue();
    }
}
