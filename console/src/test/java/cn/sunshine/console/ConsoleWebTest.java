package cn.sunshine.console;

import cn.sunshine.console.api.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.test.web.servlet.MvcResult;

import java.util.List;
import java.util.Map;

import static cn.sunshine.console.PageTestSupport.user;
import static cn.sunshine.console.PageTestSupport.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console's pages with the gateway played by a mock: sign-in is OIDC code + PKCE, pages carry a strict CSP,
 * every state change needs the CSRF token, and each API refusal becomes the page it should.
 */
class ConsoleWebTest extends GatewayPageTest {

    static OidcUser leader() {
        return user(Map.of("sub",
                "county-leader-yingcheng", "name", "应城市 分管副市长", "preferred_username", "county-leader-yingcheng",
                "roles", List.of("COUNTY_LEADER"), "division", "420981"));
    }

    static Map<String, Object> claim(String status, String waitingFor) {
        return Map.ofEntries(Map.entry("claimId", "c-1"), Map.entry("baseName", "应城市职业教育中心"), Map.entry("year", 2026),
                Map.entry("part", "COMPLETION"), Map.entry("paymentMode", "REDUCED_FEE"), Map.entry("status", status),
                Map.entry("waitingFor", waitingFor), Map.entry("totalFen", 126000), Map.entry("payableFen", 126000),
                Map.entry("extraApprovalRequired", false), Map.entry("submittedAt", "2026-06-05T01:00:00Z"),
                Map.entry("submittedBy", "base-staff-b1"), Map.entry("decisions", List.of()),
                Map.entry("lines", List.of(Map.of("voucherSerial", "420981-2026-000001", "enrollmentId", "e1",
                        "traineeName", "李明", "maskedIdNumber", "420981********123X", "tier", "TIER_2", "amountFen", 126000))));
    }

    static OidcUser officer() {
        return user(Map.of("sub",
                "county-officer-yingcheng", "name", "应城市阳光办 张主任", "preferred_username", "county-officer-yingcheng",
                "roles", List.of("COUNTY_OFFICER"), "division", "420981"));
    }

    void aClassWithTwoTraineesToCheck() {
        when(gateway.get("/api/enrollment/classes/k-1")).thenReturn(answer(Map.of("id", "k-1", "baseName", "应城市职业教育中心",
                "majorName", "电焊", "plannedStart", "2026-04-15", "plannedEnd", "2026-05-30", "enrolled", 2), null));
        when(gateway.get("/api/enrollment/classes/k-1/enrollments?size=500")).thenReturn(answer(Map.of("items", List.of(
                Map.of("id", "e-1", "status", "ENROLLED", "rosterCheck", "PENDING", "trainee", Map.of("name", "李明",
                        "idNumber", "42098119900101123X", "town", "城中街道", "village", "民主村")),
                Map.of("id", "e-2", "status", "ENROLLED", "rosterCheck", "PENDING", "trainee", Map.of("name", "王芳",
                        "idNumber", "420981199202021234", "town", "长江埠街道", "village", "新河村"))), "total", 2), null));
    }

    @Test
    void aClassOpeningIsCheckedInOneBatchWithIdNumbersMasked() throws Exception {
        aClassWithTwoTraineesToCheck();
        String html = html("/classes/k-1", officer());
        assertThat(html).contains("李明", "420981********123X", "一键核对提交", "待核定 2 人").doesNotContain("42098119900101123X");
        when(gateway.post(eq("/api/enrollment/classes/k-1/roster-checks"), any(), any()))
                .thenReturn(answer(Map.of("applied", 2, "alreadyDone", 0), null));
        mvc.perform(post("/classes/k-1/roster-checks").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .header("HX-Request", "true").param("enrollmentId", "e-1", "e-2").param("outcome-e-2", "REJECTED")
                        .param("reason-e-2", "本人未到场"))
                .andExpect(header().string("HX-Redirect", "/classes/k-1?done=2"));
        verify(gateway).post(eq("/api/enrollment/classes/k-1/roster-checks"), eq(Map.of("checks", List.of(
                Map.of("enrollmentId", "e-1", "outcome", "VERIFIED"),
                Map.of("enrollmentId", "e-2", "outcome", "REJECTED", "reason", "本人未到场")))), any());
    }

    @Test
    void aRefusedRowIsNamedOnItsRow() throws Exception {
        aClassWithTwoTraineesToCheck();
        when(gateway.post(anyString(), any(), any())).thenThrow(new ApiException(422, "urn:sunshine:problem:batch-rejected",
                "1 problem(s) found; nothing was changed", Map.of(), List.of(Map.of("row", 2, "enrollmentId", "e-2",
                "field", "reason", "message", "不符须写明理由"))));
        String html = mvc.perform(post("/classes/k-1/roster-checks").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .header("HX-Request", "true").param("enrollmentId", "e-1", "e-2").param("outcome-e-2", "REJECTED"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("不符须写明理由", "is-invalid", "nothing was changed", "data-kind=\"INVALID\"");
    }

    @Test
    void aPageNeedsSignInWhichIsAuthorizationCodeWithPkce() throws Exception {
        mvc.perform(get("/")).andExpect(status().is3xxRedirection())
                .andExpect(header().string(HttpHeaders.LOCATION, org.hamcrest.Matchers.endsWith("/oauth2/authorization/sunshine")));
        MvcResult r = mvc.perform(get("/oauth2/authorization/sunshine")).andExpect(status().is3xxRedirection()).andReturn();
        String location = r.getResponse().getHeader(HttpHeaders.LOCATION);
        assertThat(location).startsWith("http://localhost:9000/oidc/authorize?").contains("response_type=code",
                "client_id=console", "code_challenge=", "code_challenge_method=S256", "scope=openid", "nonce=");
        // An htmx request whose session ended is told to reload the page (not sent to the provider by XHR).
        mvc.perform(get("/tasks/approval").header("HX-Request", "true")).andExpect(status().isUnauthorized())
                .andExpect(header().string("HX-Refresh", "true"));
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndNoInlineScript() throws Exception {
        when(gateway.getPublic(anyString())).thenReturn(answer(Map.of("items", List.of(), "total", 0), null));
        MvcResult r = mvc.perform(get("/public")).andExpect(status().isOk()).andReturn();
        String csp = r.getResponse().getHeader("Content-Security-Policy");
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        String html = r.getResponse().getContentAsString();
        assertThat(html).contains("阳光工程 信息公开");
        assertThat(html.replaceAll("<script [^>]*src=\"[^\"]+\"[^>]*></script>", "")).doesNotContain("<script");
    }

    @Test
    void englishIsASwitchAway() throws Exception {
        when(gateway.getPublic(anyString())).thenReturn(answer(Map.of("items", List.of(), "total", 0), null));
        String html = mvc.perform(get("/public").param("lang", "en")).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Sunshine Project public notices").doesNotContain("补助发放公示");
        String chinese = mvc.perform(get("/public?division=420982&lang=zh-CN"))
                .andReturn().getResponse().getContentAsString();
        assertThat(chinese).contains("href=\"/public?division=420982&amp;lang=en\"");
    }

    @Test
    void aClaimShowsItsLinesInYuanAndTheLeadersButtons() throws Exception {
        when(gateway.get("/api/subsidy/claims/c-1")).thenReturn(answer(claim("VERIFIED", "APPROVAL"), "\"3\""));
        String html = html("/claims/c-1", leader());
        assertThat(html).contains("¥1,260.00", "李明", "420981********123X", "2026年6月5日", "批准", "退回",
                "hx-disabled-elt=\"find button\"", "name=\"etag\" value=\"&quot;3&quot;\"");
    }

    @Test
    void aDecisionWithoutTheCsrfTokenIsRefusedAndNeverReachesTheApi() throws Exception {
        mvc.perform(post("/claims/c-1/decision").with(oidcLogin().oidcUser(leader())).param("task", "approval")
                .param("decision", "APPROVE")).andExpect(status().isForbidden());
        verify(gateway, never()).post(anyString(), any(), any());
    }

    @Test
    void anApprovalSendsIfMatchAndTheBrowserIsSentToTheClaim() throws Exception {
        when(gateway.post(eq("/api/subsidy/claims/c-1/approval"), any(), any())).thenReturn(answer(Map.of(), "\"4\""));
        mvc.perform(post("/claims/c-1/decision").with(oidcLogin().oidcUser(leader())).with(csrf())
                        .header("HX-Request", "true").param("task", "approval").param("decision", "APPROVE").param("etag", "\"3\""))
                .andExpect(status().isOk()).andExpect(header().string("HX-Redirect", "/claims/c-1?done=APPROVE"));
        org.mockito.ArgumentCaptor<java.util.function.Consumer<HttpHeaders>> headers = org.mockito.ArgumentCaptor.captor();
        verify(gateway).post(eq("/api/subsidy/claims/c-1/approval"), eq(Map.of("decision", "APPROVE")), headers.capture());
        HttpHeaders sent = new HttpHeaders();
        headers.getValue().accept(sent);
        assertThat(sent.getFirst(HttpHeaders.IF_MATCH)).isEqualTo("\"3\"");
    }

    @Test
    void aClaimChangedMeanwhileAsksToReload() throws Exception {
        when(gateway.post(anyString(), any(), any())).thenThrow(new ApiException(412, "urn:sunshine:problem:stale-version",
                "the claim has changed", Map.of()));
        String html = mvc.perform(post("/claims/c-1/decision").with(oidcLogin().oidcUser(leader())).with(csrf())
                        .header("HX-Request", "true").param("task", "approval").param("decision", "APPROVE").param("etag", "\"3\""))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("data-kind=\"CHANGED\"", "已被他人办理", "刷新页面").doesNotContain("id=\"approve\"");
    }

    @Test
    void aRefusalNamingAFieldIsShownNextToThatField() throws Exception {
        when(gateway.post(anyString(), any(), any())).thenThrow(new ApiException(400, "urn:sunshine:problem:validation",
                "a rejection needs its reasons", Map.of("reason", "退回必须写明理由")));
        String html = mvc.perform(post("/claims/c-1/decision").with(oidcLogin().oidcUser(leader())).with(csrf())
                        .header("HX-Request", "true").param("task", "approval").param("decision", "REJECT").param("etag", "\"3\""))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("is-invalid", "id=\"reason-error\"", "退回必须写明理由", "data-kind=\"INVALID\"");
    }

    @Test
    void aClaimOutsideTheJurisdictionIsAPoliteNotFound() throws Exception {
        when(gateway.get("/api/subsidy/claims/other")).thenThrow(new ApiException(404, "urn:sunshine:problem:not-found",
                "no claim other", Map.of()));
        String html = mvc.perform(get("/claims/other").with(oidcLogin().oidcUser(leader()))).andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("没有找到该记录，或它不在您的管辖范围内").doesNotContain("no claim other");
    }

    @Test
    void aServiceDownIsTryAgainLater() throws Exception {
        when(gateway.get(anyString())).thenThrow(new ApiException(503, "urn:sunshine:problem:service-unavailable",
                "subsidy-service is unavailable", Map.of()));
        String html = mvc.perform(get("/tasks/approval").with(oidcLogin().oidcUser(leader()))).andExpect(status().isServiceUnavailable())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("请稍后再试");
    }
}
