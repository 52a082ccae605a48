package cn.sunshine.console.recovery;

import cn.sunshine.console.GatewayPageTest;
import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.sunshine.console.PageTestSupport.answer;
import static cn.sunshine.console.PageTestSupport.bodySent;
import static cn.sunshine.console.PageTestSupport.headersSent;
import static cn.sunshine.console.PageTestSupport.user;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Recoveries with the gateway mocked: the officer orders one (from a finding's link: base and trainee filled in) with
 * its Idempotency-Key; the county's orders from every base; finance records the repayment in fen from yuan, the
 * recorder is told a colleague confirms, the API's separation-of-duties refusal and a mismatch are shown in its words;
 * a rejection; the home cards for finance; another county's officer and base staff get nothing.
 */
class RecoveryPagesTest extends GatewayPageTest {

    static final OidcUser OFFICER = user("county-officer-yingcheng", "COUNTY_OFFICER", "420981", null);
    static final OidcUser FINANCE = user("finance-officer-yingcheng", "FINANCE_OFFICER", "420981", null);
    static final OidcUser CHECKER = user("finance-checker-yingcheng", "FINANCE_OFFICER", "420981", null);

    static Map<String, Object> recovery(String status, Map<String, Object> settlement) {
        Map<String, Object> r = new LinkedHashMap<>(Map.of("recoveryId", "rc-1", "baseId", "b-1", "divisionCode", "420981",
                "items", List.of(Map.of("enrollmentId", "e-2", "claimId", "c-1", "voucherSerial", "420981-2026-000002",
                        "part", "PLACEMENT", "amountFen", 60000)),
                "amountFen", 60000, "reason", "就业抽查发现问题：王芳", "status", status, "orderedAt", "2026-07-21T02:00:00Z",
                "orderedBy", "county-officer-yingcheng"));
        if (settlement != null) {
            r.put("settlement", settlement);
        }
        r.put("rejectedSettlements", List.of());
        r.put("skipped", List.of());
        return r;
    }

    static final Map<String, Object> RECORDED = Map.of("settlementId", "st-1", "reference", "HB20260722-0001", "amountFen", 60000,
            "recordedBy", "finance-officer-yingcheng", "recordedAt", "2026-07-22T02:00:00Z");

    @BeforeEach
    void bases() {
        when(gateway.get("/api/enrollment/bases?size=200")).thenReturn(answer(Map.of("items",
                List.of(Map.of("baseId", "b-1", "name", "应城市职业教育中心"), Map.of("baseId", "b-2", "name", "应城市技工学校")), "total", 2)));
        when(gateway.get("/api/enrollment/bases/b-1")).thenReturn(answer(Map.of("baseId", "b-1", "name", "应城市职业教育中心")));
    }

    @Test
    void anOfficerOrdersARecoveryFromAFindingOnce() throws Exception {
        String form = mvc.perform(get("/recoveries/new").param("baseId", "b-1").param("enrollmentId", "e-2")
                        .param("reason", "就业抽查发现问题：王芳").with(oidcLogin().oidcUser(OFFICER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("id=\"recovery-form\"", "<option value=\"b-1\" selected=\"selected\">应城市职业教育中心</option>",
                ">e-2</textarea>", "就业抽查发现问题：王芳", "name=\"key\"");

        when(gateway.post(eq("/api/subsidy/recoveries"), any(), any())).thenReturn(new Gateway.Answer(201, new HttpHeaders(),
                recovery("OPEN", null)));
        mvc.perform(post("/recoveries").param("baseId", "b-1").param("enrollmentIds", "e-2\n e-3 ,e-2").param("reason", "虚报就业")
                        .param("key", "0f6b1a9c-0000-4000-8000-00000000000a").with(oidcLogin().oidcUser(OFFICER)).with(csrf()))
                .andExpect(redirectedUrl("/recoveries/rc-1?done=ordered"));
        assertThat(bodySent(gateway, "/api/subsidy/recoveries")).containsEntry("baseId", "b-1")
                .containsEntry("enrollmentIds", List.of("e-2", "e-3")).containsEntry("reason", "虚报就业");
        assertThat(headersSent(gateway, "/api/subsidy/recoveries").getFirst("Idempotency-Key")).isEqualTo("0f6b1a9c-0000-4000-8000-00000000000a");
    }

    @Test
    void anOrderRefusedShowsTheApisWords() throws Exception {
        when(gateway.post(eq("/api/subsidy/recoveries"), any(), any())).thenThrow(new ApiException(400,
                "urn:sunshine:problem:validation", "请检查输入", Map.of("reason", "不能为空")));
        String html = mvc.perform(post("/recoveries").param("baseId", "b-1").param("enrollmentIds", "e-2").param("reason", " ")
                        .with(oidcLogin().oidcUser(OFFICER)).with(csrf()))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"recovery-feedback\"", "id=\"reason-error\"", "不能为空", ">e-2</textarea>");
    }

    @Test
    void theCountysRecoveriesAreReadFromEveryBase() throws Exception {
        when(gateway.getEach(List.of("/api/subsidy/bases/b-1/recoveries", "/api/subsidy/bases/b-2/recoveries"))).thenReturn(List.of(
                answer(List.of(recovery("OPEN", null))),
                new ApiException(503, "urn:sunshine:problem:service-unavailable", "down", Map.of())));
        String html = html("/recoveries", FINANCE);
        assertThat(html).contains("data-recovery-id=\"rc-1\"", "应城市职业教育中心", "¥600.00", "待还款", "id=\"unavailable\"")
                .doesNotContain("id=\"new-recovery\"");
    }

    @Test
    void financeRecordsTheRepaymentAndAColleagueConfirmsIt() throws Exception {
        when(gateway.get("/api/subsidy/recoveries/rc-1")).thenReturn(answer(recovery("OPEN", null)));
        String page = html("/recoveries/rc-1", FINANCE);
        assertThat(page).contains("id=\"settlement-form\"", "¥600.00", "420981-2026-000002", "结清前暂停拨付")
                .doesNotContain("id=\"confirmation-form\"");
        when(gateway.post(eq("/api/subsidy/recoveries/rc-1/settlement"), any(), any())).thenReturn(answer(recovery("SETTLEMENT_RECORDED", RECORDED)));
        mvc.perform(post("/finance/recoveries/rc-1/settlement").param("reference", " HB20260722-0001 ").param("amountYuan", "600.00")
                        .with(oidcLogin().oidcUser(FINANCE)).with(csrf()))
                .andExpect(redirectedUrl("/recoveries/rc-1?done=recorded"));
        assertThat(bodySent(gateway, "/api/subsidy/recoveries/rc-1/settlement")).containsEntry("reference", "HB20260722-0001")
                .containsEntry("amountFen", 60000L);

        when(gateway.get("/api/subsidy/recoveries/rc-1")).thenReturn(answer(recovery("SETTLEMENT_RECORDED", RECORDED)));
        String recorded = html("/recoveries/rc-1", FINANCE);
        assertThat(recorded).contains("还款由您登记，须由另一名财政人员核对确认", "HB20260722-0001", "待另一名财政人员确认");

        when(gateway.post(eq("/api/subsidy/recoveries/rc-1/settlement/confirmation"), any(), any())).thenReturn(answer(recovery("SETTLED", RECORDED)));
        mvc.perform(post("/finance/recoveries/rc-1/confirmation").param("reference", "HB20260722-0001").param("amountYuan", "600")
                        .with(oidcLogin().oidcUser(CHECKER)).with(csrf()))
                .andExpect(redirectedUrl("/recoveries/rc-1?done=confirmed"));
        assertThat(bodySent(gateway, "/api/subsidy/recoveries/rc-1/settlement/confirmation")).containsEntry("amountFen", 60000L);
    }

    @Test
    void theRecorderConfirmingOrAMismatchIsRefusedInTheApisWords() throws Exception {
        when(gateway.get("/api/subsidy/recoveries/rc-1")).thenReturn(answer(recovery("SETTLEMENT_RECORDED", RECORDED)));
        when(gateway.post(eq("/api/subsidy/recoveries/rc-1/settlement/confirmation"), any(), any())).thenThrow(new ApiException(422,
                "urn:sunshine:problem:separation-of-duties", "还款须由登记人以外的财政人员确认", Map.of()));
        String html = mvc.perform(post("/finance/recoveries/rc-1/confirmation").param("reference", "HB20260722-0001").param("amountYuan", "600")
                        .with(oidcLogin().oidcUser(FINANCE)).with(csrf()))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"settlement-feedback\"", "还款须由登记人以外的财政人员确认", "id=\"confirmation-form\"");

        when(gateway.post(eq("/api/subsidy/recoveries/rc-1/settlement/confirmation"), any(), any())).thenThrow(new ApiException(422,
                "urn:sunshine:problem:recovery-confirmation-mismatch", "与登记不符", Map.of("amountFen", "金额与登记不符")));
        String mismatch = mvc.perform(post("/finance/recoveries/rc-1/confirmation").param("reference", "HB20260722-0001").param("amountYuan", "60")
                        .with(oidcLogin().oidcUser(CHECKER)).with(csrf()))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString();
        assertThat(mismatch).contains("id=\"confirm-amount-error\"", "金额与登记不符", "value=\"60\"");

        when(gateway.post(eq("/api/subsidy/recoveries/rc-1/settlement/rejection"), any(), any())).thenReturn(answer(recovery("OPEN", null)));
        mvc.perform(post("/finance/recoveries/rc-1/rejection").param("reason", "对账单上没有这笔").with(oidcLogin().oidcUser(CHECKER)).with(csrf()))
                .andExpect(redirectedUrl("/recoveries/rc-1?done=rejected"));
        assertThat(bodySent(gateway, "/api/subsidy/recoveries/rc-1/settlement/rejection")).containsEntry("reason", "对账单上没有这笔");
    }

    @Test
    void financesHomeShowsTheRecoveriesWaiting() throws Exception {
        when(gateway.get(anyString())).thenReturn(answer(Map.of("items", List.of(), "total", 0))); // the other cards
        bases();
        when(gateway.getEach(List.of("/api/subsidy/bases/b-1/recoveries", "/api/subsidy/bases/b-2/recoveries"))).thenReturn(List.of(
                answer(List.of(recovery("OPEN", null), recovery("SETTLEMENT_RECORDED", RECORDED))), answer(List.of(recovery("SETTLED", RECORDED)))));
        String home = html("/", FINANCE);
        assertThat(home).contains("id=\"task-recoveriesOpen\"", "追回待登记还款", "id=\"task-recoveriesRecorded\"", "追回待确认还款",
                "href=\"/recoveries?status=SETTLEMENT_RECORDED\"");
    }

    @Test
    void anotherCountysOfficerAndBaseStaffGetNothing() throws Exception {
        when(gateway.get("/api/subsidy/recoveries/rc-1")).thenThrow(new ApiException(404, "urn:sunshine:problem:not-found", "no such recovery", Map.of()));
        mvc.perform(get("/recoveries/rc-1").with(oidcLogin().oidcUser(user("county-officer-anlu", "COUNTY_OFFICER", "420982", null))))
                .andExpect(status().isNotFound());
        OidcUser staff = user("base-staff-b1", "BASE_STAFF", "420981", "b-1");
        mvc.perform(get("/recoveries").with(oidcLogin().oidcUser(staff))).andExpect(status().isNotFound());
        mvc.perform(post("/finance/recoveries/rc-1/settlement").param("reference", "X").param("amountYuan", "1")
                .with(oidcLogin().oidcUser(OFFICER)).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post("/recoveries").param("baseId", "b-1").param("enrollmentIds", "e-1").param("reason", "x")
                .with(oidcLogin().oidcUser(FINANCE)).with(csrf())).andExpect(status().isNotFound());
        verify(gateway, never()).post(anyString(), any(), any());
    }
}
