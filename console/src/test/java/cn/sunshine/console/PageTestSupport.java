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

    public static OidcUser user(String sub, String role, String division, String baseId) {
        Map<String, Object> claims = new LinkedHashMap<>(Map.of("sub", sub, "name", sub, "preferred_username", sub,
                "roles", List.of(role), "division", division));
        if (baseId != null) {
            claims.put("baseId", baseId);
        }
        return new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")),
                new OidcIdToken("t", Instant.now(), Instant.now().plusSeconds(600), claims));
    }

    public static Gateway.Answer answer(Object body) {
        return new Gateway.Answer(200, new HttpHeaders(), body);
    }

    /** A list's only page as the services answer it: {@code {items, page, size, total}}. */
    public static Gateway.Answer page(Map<?, ?>... items) {
        return answer(Map.of("items", List.of(items), "page", 0, "size", 500, "total", items.length));
    }

    @SuppressWarnings("unchecked")
    public static HttpHeaders headersSent(Gateway gateway, String path) {
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.forClass(Consumer.class);
        verify(gateway).post(eq(path), any(), headers.capture());
        HttpHeaders sent = new HttpHeaders();
        headers.getValue().accept(sent);
        return sent;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> bodySent(Gateway gateway, String path) {
        ArgumentCaptor<Object> body = ArgumentCaptor.forClass(Object.class);
        verify(gateway).post(eq(path), body.capture(), any());
        return (Map<String, Object>) body.getValue();
    }
}
