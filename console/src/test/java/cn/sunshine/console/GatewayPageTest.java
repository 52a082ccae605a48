package cn.sunshine.console;

import cn.sunshine.console.api.Gateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The layer supertype of the pages' tests with the gateway played by a mock: the whole console with the test
 * profile, driven through MockMvc. Every subclass shares the one Spring context (same configuration, same mock).
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
public abstract class GatewayPageTest {

    @Autowired
    protected MockMvc mvc;

    @MockitoBean
    protected Gateway gateway;

    /** A page as {@code who} sees it: {@code GET url} answers 200; its HTML. */
    protected String html(String url, OidcUser who) throws Exception {
        return mvc.perform(get(url).with(oidcLogin().oidcUser(who))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }
}
