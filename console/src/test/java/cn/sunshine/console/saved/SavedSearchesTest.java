package cn.sunshine.console.saved;

import cn.sunshine.console.GatewayPageTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * 常用筛选: an auditor saves the login log's filter under a name, finds it on the page as a link to the filtered list
 * (without paging or language), replaces it by saving the same name again, and deletes it; another person neither
 * sees nor deletes it; a filter holding an ID number or a mobile number, a foreign page or an empty name is refused.
 */
class SavedSearchesTest extends GatewayPageTest {

    @Autowired
    SavedSearches searches;

    static OidcUser auditor(String subject) {
        OidcIdToken token = new OidcIdToken("t", Instant.now(), Instant.now().plusSeconds(600), Map.of("sub", subject,
                "name", "孝感市审计局 李审计", "preferred_username", subject, "roles", List.of("AUDITOR"), "division", "420900"));
        return new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")), token);
    }

    private String page(OidcUser who) throws Exception {
        return html("/audit/sign-ins", who);
    }

    @Test
    void aFilterIsSavedUnderANameAndBroughtBackByOneClick() throws Exception {
        OidcUser me = auditor("auditor-" + UUID.randomUUID());
        OidcUser other = auditor("auditor-" + UUID.randomUUID());
        assertThat(page(me)).contains("保存当前筛选", "还没有保存的筛选");

        mvc.perform(post("/saved-searches").with(oidcLogin().oidcUser(me)).with(csrf())
                        .param("name", "上周失败的登录").param("path", "/audit/sign-ins")
                        .param("query", "event=SIGN_IN_FAILED&from=2026-11-30&page=3&lang=en"))
                .andExpect(redirectedUrl("/audit/sign-ins?event=SIGN_IN_FAILED&from=2026-11-30"))
                .andExpect(flash().attribute("savedNotice", "saved.done"));
        assertThat(page(me)).contains("上周失败的登录", "href=\"/audit/sign-ins?event=SIGN_IN_FAILED&amp;from=2026-11-30\"");
        assertThat(page(other)).doesNotContain("上周失败的登录");

        // The same name again replaces it.
        mvc.perform(post("/saved-searches").with(oidcLogin().oidcUser(me)).with(csrf())
                .param("name", "上周失败的登录").param("path", "/audit/sign-ins").param("query", "event=SIGN_IN_FAILED"));
        List<SavedSearches.Saved> mine = searches.of(me.getSubject(), "/audit/sign-ins");
        assertThat(mine).singleElement().satisfies(s -> assertThat(s.query()).isEqualTo("event=SIGN_IN_FAILED"));

        // Another person cannot delete it; its owner can.
        mvc.perform(post("/saved-searches/" + mine.get(0).id() + "/deletion").with(oidcLogin().oidcUser(other)).with(csrf())
                .param("path", "/audit/sign-ins")).andExpect(redirectedUrl("/audit/sign-ins"));
        assertThat(searches.of(me.getSubject(), "/audit/sign-ins")).hasSize(1);
        mvc.perform(post("/saved-searches/" + mine.get(0).id() + "/deletion").with(oidcLogin().oidcUser(me)).with(csrf())
                .param("path", "/audit/sign-ins")).andExpect(redirectedUrl("/audit/sign-ins"));
        assertThat(searches.of(me.getSubject(), "/audit/sign-ins")).isEmpty();
    }

    @Test
    void personalDataForeignPagesAndEmptyNamesAreRefusedAndNothingIsKept() throws Exception {
        OidcUser me = auditor("auditor-" + UUID.randomUUID());
        mvc.perform(post("/saved-searches").with(oidcLogin().oidcUser(me)).with(csrf())
                        .param("name", "某人").param("path", "/audit/sign-ins").param("query", "who=42098119900101123X"))
                .andExpect(flash().attribute("savedProblem", "saved.query.personal"));
        mvc.perform(post("/saved-searches").with(oidcLogin().oidcUser(me)).with(csrf())
                        .param("name", "手机").param("path", "/audit/sign-ins").param("query", "who=13912345678"))
                .andExpect(flash().attribute("savedProblem", "saved.query.personal"));
        mvc.perform(post("/saved-searches").with(oidcLogin().oidcUser(me)).with(csrf())
                        .param("name", "外站").param("path", "//evil.example/x").param("query", ""))
                .andExpect(redirectedUrl("/")).andExpect(flash().attribute("savedProblem", "saved.page.invalid"));
        mvc.perform(post("/saved-searches").with(oidcLogin().oidcUser(me)).with(csrf())
                        .param("name", "  ").param("path", "/audit/sign-ins").param("query", "event=SIGNED_IN"))
                .andExpect(redirectedUrl("/audit/sign-ins?event=SIGNED_IN"))
                .andExpect(flash().attribute("savedProblem", "saved.name.invalid"));
        mvc.perform(post("/saved-searches").with(oidcLogin().oidcUser(me))
                .param("name", "无令牌").param("path", "/audit/sign-ins")).andExpect(status().isForbidden());
        assertThat(searches.of(me.getSubject(), "/audit/sign-ins")).isEmpty();
    }

    @Test
    void theQueryLosesPagingLanguageAndEmptyFields() {
        assertThat(SavedSearches.cleaned("status=VERIFICATION&baseId=&page=2&lang=zh-CN&_csrf=x&year=2026"))
                .isEqualTo("status=VERIFICATION&year=2026");
        assertThat(SavedSearches.cleaned(null)).isEmpty();
    }
}
