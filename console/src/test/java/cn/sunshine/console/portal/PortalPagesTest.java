package cn.sunshine.console.portal;

import cn.sunshine.console.GatewayPageTest;
import cn.sunshine.console.api.ApiException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpHeaders;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static cn.sunshine.console.PageTestSupport.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The public portal without sign-in: tenders, a notice with the objection's two steps, the voucher check. */
class PortalPagesTest extends GatewayPageTest {

    static Map<String, Object> notice(boolean open) {
        return Map.ofEntries(Map.entry("id", "n-1"), Map.entry("tenderId", "t-1"), Map.entry("divisionCode", "420981"),
                Map.entry("year", 2026), Map.entry("title", "应城市2026年培训基地评审结果公示"),
                Map.entry("firstDay", "2026-03-21"), Map.entry("lastDay", "2026-03-27"), Map.entry("open", open),
                Map.entry("status", "OPEN"), Map.entry("objections", List.of()),
                Map.entry("entries", List.of(Map.of("applicationId", "a-1", "rank", 1, "institutionName", "应城市职业教育中心",
                        "creditCode", "52420981MJ0000001X", "status", "PROPOSED", "majors", List.of(Map.of("majorCode", "WELDING",
                                "majorName", "电焊", "annualCapacity", 1200, "feeStandardFen", 126000))))),
                Map.entry("ranking", Map.of("scale", 100, "passingScore", 60, "entries", List.of(Map.of("rank", 1,
                        "institutionName", "应城市职业教育中心", "averageScore", 88.5, "eligible", true)))));
    }

    @Test
    void publishedTendersAndOneTenderNeedNoSignIn() throws Exception {
        Map<String, Object> tender = Map.ofEntries(Map.entry("id", "t-1"), Map.entry("divisionCode", "420981"),
                Map.entry("year", 2026), Map.entry("title", "应城市2026年阳光工程培训基地招标公告"),
                Map.entry("conditions", List.of("具有独立法人资格")), Map.entry("procedure", "自愿申报、专家评审"),
                Map.entry("whereToApply", "应城市阳光办"), Map.entry("requiredMaterials", List.of("LEGAL_PERSON_CERTIFICATE")),
                Map.entry("majors", List.of(Map.of("majorCode", "WELDING", "majorName", "电焊", "capacitySought", 1200))),
                Map.entry("criteria", List.of(Map.of("code", "TEACHING", "name", "师资力量", "weightBp", 3000))),
                Map.entry("scale", 100), Map.entry("passingScore", 60), Map.entry("applicationOpensAt", "2026-03-02T16:00:00Z"),
                Map.entry("applicationClosesAt", "2026-03-19T16:00:00Z"), Map.entry("stage", "CLOSED"),
                Map.entry("publishedAt", "2026-03-02T01:00:00Z"));
        when(gateway.getPublic("/api/public/accreditation/tenders?size=100&division=420981"))
                .thenReturn(answer(Map.of("items", List.of(tender), "total", 1)));
        when(gateway.getPublic("/api/public/accreditation/tenders/t-1")).thenReturn(answer(tender));
        String list = mvc.perform(get("/public/tenders?division=420981")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains("应城市2026年阳光工程培训基地招标公告", "专家评审中", "2026年3月3日 00:00");
        String one = mvc.perform(get("/public/tenders/t-1")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(one).contains("具有独立法人资格", "法人证书", "1,200", "30.00%", "60 分（满分 100 分）");
        String english = mvc.perform(get("/public/tenders/t-1?lang=en")).andReturn().getResponse().getContentAsString();
        assertThat(english).contains("Under expert review", "Legal person certificate", "3 Mar 2026");
    }

    @Test
    void anOpenNoticeTakesAnObjectionConfirmedByTheCodeSentToThePhone() throws Exception {
        when(gateway.getPublic("/api/public/accreditation/notices/n-1")).thenReturn(answer(notice(true)));
        String page = mvc.perform(get("/public/notices/n-1")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("公示中", "应城市职业教育中心", "¥1,260.00", "提交并获取验证码", "hx-disabled-elt=\"find button\"",
                "name=\"idempotencyKey\"", "name=\"_csrf\"");

        when(gateway.postPublic(eq("/api/public/accreditation/notices/n-1/objections"), any(), any()))
                .thenReturn(answer(Map.of("confirmationId", "p-1", "noticeId", "n-1", "phone", "139****0000",
                        "expiresAt", "2026-03-23T01:10:00Z", "simulatedCode", "204816")));
        String step2 = mvc.perform(post("/public/notices/n-1/objections").with(csrf()).header("HX-Request", "true")
                        .param("name", "张先生").param("phone", "13907120000").param("applicationId", "a-1")
                        .param("statement", "实训车间为租用").param("idempotencyKey", "k-1234567890"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(step2).contains("139****0000", "2026年3月23日 09:10", "204816", "确认提交异议")
                .doesNotContain("13907120000");
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.captor();
        verify(gateway).postPublic(eq("/api/public/accreditation/notices/n-1/objections"), eq(Map.of("name", "张先生",
                "phone", "13907120000", "applicationId", "a-1", "statement", "实训车间为租用")), headers.capture());
        HttpHeaders sent = new HttpHeaders();
        headers.getValue().accept(sent);
        assertThat(sent.getFirst("Idempotency-Key")).isEqualTo("k-1234567890");

        when(gateway.postPublic(eq("/api/public/accreditation/notices/n-1/pending-objections/p-1/confirmation"),
                eq(Map.of("code", "204816")), any())).thenReturn(answer(Map.of("id", "o-1", "noticeId", "n-1",
                "filedAt", "2026-03-23T01:02:00Z", "name", "张先生", "phone", "139****0000", "periodLastDay", "2026-03-27")));
        String filed = mvc.perform(post("/public/notices/n-1/pending-objections/p-1/confirmation").with(csrf())
                        .header("HX-Request", "true").param("code", " 204816 ").param("idempotencyKey", "k-abcdefghij"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(filed).contains("异议已受理", "o-1", "2026年3月27日", "139****0000");
    }

    @Test
    void aWrongCodeIsSaidUnderTheCodeAndAnExpiredOneAsksToFileAgain() throws Exception {
        org.mockito.Mockito.doThrow(new ApiException(422,
                "urn:sunshine:problem:confirmation-code-wrong", "the code is not the one sent", Map.of("code", "wrong code"))).when(gateway).postPublic(anyString(), any(), any());
        String wrong = mvc.perform(post("/public/notices/n-1/pending-objections/p-1/confirmation").with(csrf())
                        .header("HX-Request", "true").param("code", "111111").param("phone", "139****0000"))
                .andReturn().getResponse().getContentAsString();
        assertThat(wrong).contains("验证码不正确", "is-invalid", "wrong code", "data-kind=\"INVALID\"", "139****0000");

        org.mockito.Mockito.doThrow(new ApiException(404, "urn:sunshine:problem:not-found",
                "no pending objection p-1", Map.of())).when(gateway).postPublic(anyString(), any(), any());
        String expired = mvc.perform(post("/public/notices/n-1/pending-objections/p-1/confirmation").with(csrf())
                        .header("HX-Request", "true").param("code", "111111"))
                .andReturn().getResponse().getContentAsString();
        assertThat(expired).contains("验证码已过期或已失效", "objection-form").doesNotContain("no pending objection");
    }

    @Test
    void aRefusedObjectionNamesTheFieldAndAFloodIsTryLater() throws Exception {
        org.mockito.Mockito.doThrow(new ApiException(400, "urn:sunshine:problem:validation",
                "the request is not valid", Map.of("phone", "must be a mobile number or a landline with area code"))).when(gateway).postPublic(anyString(), any(), any());
        String invalid = mvc.perform(post("/public/notices/n-1/objections").with(csrf()).header("HX-Request", "true")
                        .param("name", "张").param("phone", "12").param("statement", "x"))
                .andReturn().getResponse().getContentAsString();
        assertThat(invalid).contains("id=\"phone-error\"", "must be a mobile number", "value=\"12\"", "is-invalid");

        org.mockito.Mockito.doThrow(new ApiException(429, "urn:sunshine:problem:objection-limit",
                "too many", Map.of())).when(gateway).postPublic(anyString(), any(), any());
        String limit = mvc.perform(post("/public/notices/n-1/objections").with(csrf()).header("HX-Request", "true")
                        .param("name", "张").param("phone", "13907120000").param("statement", "x"))
                .andReturn().getResponse().getContentAsString();
        assertThat(limit).contains("待确认异议过多", "data-kind=\"LATER\"");
    }

    @Test
    void aClosedNoticeTakesNoObjectionAndAnObjectionWithoutTheCsrfTokenNeverReachesTheApi() throws Exception {
        when(gateway.getPublic("/api/public/accreditation/notices/n-1")).thenReturn(answer(notice(false)));
        String page = mvc.perform(get("/public/notices/n-1")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("公示期已结束，不再受理异议").doesNotContain("objection-form");
        mvc.perform(post("/public/notices/n-1/objections").param("name", "张").param("phone", "13907120000")
                .param("statement", "x")).andExpect(status().isForbidden());
        verify(gateway, never()).postPublic(anyString(), any(), any());
    }

    @Test
    void aVoucherIsCheckedWithItsCodeInTheBodyOnly() throws Exception {
        when(gateway.postPublic(eq("/api/public/subsidy/vouchers/verification"), eq(Map.of("serial", "420981-2026-000001",
                "code", "ABCD2345")), any())).thenReturn(answer(Map.of("genuine", true, "status", "REDEEMED",
                "amountFen", 126000, "year", 2026)));
        String html = mvc.perform(post("/public/vouchers").with(csrf()).header("HX-Request", "true")
                        .param("serial", "420981-2026-000001").param("code", "ABCD2345"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("真实的阳光工程代金券", "已在培训基地使用", "¥1,260.00").doesNotContain("ABCD2345");
        when(gateway.postPublic(eq("/api/public/subsidy/vouchers/verification"), any(), any()))
                .thenReturn(answer(Map.of("genuine", false)));
        String forged = mvc.perform(post("/public/vouchers").with(csrf()).param("serial", "420981-2026-000001")
                .param("code", "XXXX")).andReturn().getResponse().getContentAsString();
        assertThat(forged).contains("查无此券", "代金券查验", "method=\"post\"");
    }
}
