package cn.sunshine.console;

import cn.sunshine.console.session.MongoSessionRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The operator's live sessions: who is signed in (by a handle, never the session id), and one ended. */
class OperatorSessionsTest extends GatewayPageTest {

    @Autowired
    MongoSessionRepository sessions;

    static OidcUser operator() {
        OidcIdToken token = new OidcIdToken("t", Instant.now(), Instant.now().plusSeconds(600), Map.of("sub", "operator-1",
                "name", "平台运维", "roles", List.of("OPERATOR"), "division", "420000"));
        return new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")), token);
    }

    @Test
    void theOperatorSeesWhoIsSignedInAndEndsASession() throws Exception {
        MongoSessionRepository.StoredSession s = sessions.createSession();
        OidcUser officer = ConsoleWebTest.officer();
        s.setAttribute("SPRING_SECURITY_CONTEXT", new SecurityContextImpl(new OAuth2AuthenticationToken(officer,
                officer.getAuthorities(), "sunshine")));
        sessions.save(s);
        String handle = sessions.liveSessions(1000).stream().filter(l -> "county-officer-yingcheng".equals(l.principal()))
                .findFirst().orElseThrow().handle();

        String html = html("/operator/sessions", operator());
        assertThat(html).contains("county-officer-yingcheng", "data-handle=\"" + handle + "\"", "结束会话").doesNotContain(s.getId());

        mvc.perform(post("/operator/sessions/" + handle + "/end").with(oidcLogin().oidcUser(operator())).with(csrf()))
                .andExpect(header().string(HttpHeaders.LOCATION, "/operator/sessions?ended=1"));
        assertThat(sessions.findById(s.getId())).isNull();
        mvc.perform(get("/operator/sessions").with(oidcLogin().oidcUser(ConsoleWebTest.officer()))).andExpect(status().isNotFound());
    }
}
