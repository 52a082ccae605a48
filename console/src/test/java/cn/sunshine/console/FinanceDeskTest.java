package cn.sunshine.console;

import cn.sunshine.console.api.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.sunshine.console.PageTestSupport.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The finance officer's desk: the fund and its deposits, a deposit recorded (fen from yuan) and confirmed by re-keying
 * (a mismatch shown as the API words it), a payment run's counts, a day's reconciliation with its differences; other
 * roles have no desk.
 */
class FinanceDeskTest extends GatewayPageTest {

    static final int YEAR = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();

    static OidcUser finance() {
        OidcIdToken token = new OidcIdToken("t", Instant.now(), Instant.now().plusSeconds(600), Map.of("sub",
                "finance-officer-yingcheng", "name", "应城市财政局 王科长", "roles", List.of("FINANCE_OFFICER"), "division", "420981"));
        return new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")), token);
    }

    void aFund() {
        Map<String, Object> pending = new HashMap<>(Map.of("depositId", "d-2", "source", "PROVINCIAL", "amountFen", 50000000,
                "reference", "HB-2026-0002", "by", "finance-a", "at", "2026-03-02T01:00:00Z"));
        Map<String, Object> fund = new HashMap<>();
        fund.put("divisionCode", "420981");
        fund.put("year", YEAR);
        fund.put("depositedFen", 120000000);
        fund.put("committedFen", 26000000);
        fund.put("availableFen", 94000000);
        fund.put("recoveredFen", 0);
        fund.put("deposits", List.of(Map.of("depositId", "d-1", "source", "CENTRAL", "amountFen", 120000000, "reference",
                "ZY-2026-0001", "by", "finance-a", "confirmedBy", "finance-b", "confirmedAt", "2026-03-01T02:00:00Z")));
        fund.put("pendingDeposits", List.of(pending));
        fund.put("rejectedDeposits", List.of(Map.of("depositId", "d-0", "source", "COUNTY", "amountFen", 1000000,
                "reference", "XJ-2026-0009", "by", "finance-a", "at", "2026-02-20T01:00:00Z", "rejectedBy", "finance-b",
                "rejectedAt", "2026-02-21T01:00:00Z", "rejectionReason", "对账单无此笔，凭证号录错")));
        fund.put("commitments", List.of(Map.of("claimId", "c-17", "amountFen", 26000000, "by", "county-leader-yingcheng",
                "at", "2026-06-18T02:00:00Z", "why", "APPROVED", "baseId", "b-1")));
        when(gateway.get("/api/subsidy/funds/420981/" + YEAR)).thenReturn(answer(fund));
    }

    @Test
    void theFundItsDepositsAndTheOneWaitingForASecondPerson() throws Exception {
        aFund();
        String html = html("/finance", finance());
        assertThat(html).contains(YEAR + "年度专项资金", "¥1,200,000.00", "¥260,000.00", "¥940,000.00", "ZY-2026-0001",
                "data-deposit-id=\"d-2\"", "HB-2026-0002", "确认到账", "记录（待他人确认）", "立即发送待发送的拨付指令", "与财政对账单核对");
    }

    @Test
    void aDepositIsRecordedInFenAndAConfirmationThatDoesNotMatchIsShown() throws Exception {
        aFund();
        when(gateway.post(eq("/api/subsidy/funds/deposits"), any(), any())).thenReturn(answer(Map.of()));
        mvc.perform(post("/finance/deposits").with(oidcLogin().oidcUser(finance())).with(csrf()).param("year", String.valueOf(YEAR))
                        .param("source", "CITY").param("amountYuan", "300,000.50").param("reference", " SJ-2026-0003 ")
                        .param("depositKey", "k-1"))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string(HttpHeaders.LOCATION, "/finance?year=" + YEAR + "&done=deposit"));
        verify(gateway).post(eq("/api/subsidy/funds/deposits"), eq(Map.of("divisionCode", "420981", "year", YEAR,
                "source", "CITY", "amountFen", 30000050L, "reference", "SJ-2026-0003")), any());

        when(gateway.post(eq("/api/subsidy/funds/420981/" + YEAR + "/deposits/d-2/confirmation"), any(), any())).thenThrow(
                new ApiException(422, "urn:sunshine:problem:deposit-confirmation-mismatch",
                        "the reference or amount differs from the recorded deposit", Map.of()));
        String html = mvc.perform(post("/finance/deposits/d-2/confirmation").with(oidcLogin().oidcUser(finance())).with(csrf())
                        .param("year", String.valueOf(YEAR)).param("reference", "HB-2026-0002").param("amountYuan", "50000"))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"confirm-feedback\"", "differs from the recorded deposit");
    }

    @Test
    void aDepositNotOnTheStatementIsRejectedWithItsReasonAndTheCommitmentsAreListed() throws Exception {
        aFund();
        String desk = html("/finance", finance());
        assertThat(desk).contains("id=\"reject-d-2\"", "对账单上没有这笔入账：退回", "id=\"rejected-deposits\"", "XJ-2026-0009",
                "对账单无此笔，凭证号录错", "已承诺的补助（1 笔）", "href=\"/claims/c-17\"", "¥260,000.00");

        // A blank reason: the API's answer next to the field, the form kept open.
        when(gateway.post(eq("/api/subsidy/funds/420981/" + YEAR + "/deposits/d-2/rejection"), eq(Map.of("reason", "")), any()))
                .thenThrow(new ApiException(400, "urn:sunshine:problem:validation", "reason: must not be blank",
                        Map.of("reason", "must not be blank")));
        String refused = mvc.perform(post("/finance/deposits/d-2/rejection").with(oidcLogin().oidcUser(finance())).with(csrf())
                        .param("year", String.valueOf(YEAR)).param("reason", "  "))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"reject-feedback\"", "must not be blank");

        when(gateway.post(eq("/api/subsidy/funds/420981/" + YEAR + "/deposits/d-2/rejection"), eq(Map.of("reason", "对账单无此笔")), any()))
                .thenReturn(answer(Map.of()));
        mvc.perform(post("/finance/deposits/d-2/rejection").with(oidcLogin().oidcUser(finance())).with(csrf())
                        .param("year", String.valueOf(YEAR)).param("reason", " 对账单无此笔 "))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string(HttpHeaders.LOCATION, "/finance?year=" + YEAR + "&done=rejected"));
    }

    @Test
    void aPaymentRunAndADaysReconciliationShowWhatTheyFound() throws Exception {
        aFund();
        when(gateway.post(eq("/api/subsidy/payment-runs"), any(), any())).thenReturn(answer(Map.of("paid", 3, "accepted", 1,
                "failed", 0, "held", 1, "refused", 0, "bureauUnavailable", false)));
        String run = mvc.perform(post("/finance/payment-runs").with(oidcLogin().oidcUser(finance())).with(csrf())
                        .param("year", String.valueOf(YEAR))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(run).contains("已支付 3 笔，财政已受理 1 笔，暂缓 1 笔，失败 0 笔，财政拒付 0 笔");

        when(gateway.post(eq("/api/subsidy/reconciliations"), eq(Map.of("date", "2026-06-20")), any())).thenReturn(answer(Map.of(
                "date", "2026-06-20", "bureauEntries", 2, "bureauTotalFen", 80000, "ourPaid", 3, "ourPaidTotalFen", 120000,
                "mismatches", List.of(Map.of("kind", "NOT_PAID_BY_BUREAU", "instructionId", "i-7", "ourAmountFen", 40000)))));
        String recon = mvc.perform(post("/finance/reconciliations").with(oidcLogin().oidcUser(finance())).with(csrf())
                        .param("year", String.valueOf(YEAR)).param("date", "2026-06-20"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(recon).contains("财政对账单：2 笔，合计 ¥800.00", "本系统已支付：3 笔，合计 ¥1,200.00",
                "本系统记为已付，对账单无此笔", "data-clean=\"false\"");
    }

    @Test
    void onlyFinanceOfficersHaveTheDesk() throws Exception {
        mvc.perform(get("/finance").with(oidcLogin().oidcUser(ConsoleWebTest.leader()))).andExpect(status().isNotFound());
    }
}
