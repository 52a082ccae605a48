package cn.sunshine.console;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.sunshine.console.PageTestSupport.director;
import static cn.sunshine.console.PageTestSupport.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The county's dashboard: the gateway's progress report of the year shown as it came (counts, ¥ from fen, rates
 * from basis points, the shortfall against the commitment), the months for the charts in data attributes, a part
 * that did not answer named and never shown as 0; other roles have no dashboard.
 */
class DashboardPageTest extends GatewayPageTest {

    static Map<String, Object> report(boolean complete) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("quota", 3660);
        figures.put("enrolled", 3657);
        figures.put("completed", 2756);
        figures.put("completionRateBp", 7536);
        figures.put("placed", complete ? 2602 : null);
        figures.put("placementRateBp", complete ? 9441 : null);
        figures.put("committedPlacementRateBp", 9000);
        figures.put("shortfall", complete ? false : null);
        figures.put("subsidyCommittedFen", 73140000);
        figures.put("subsidyPaidFen", 55120000);
        figures.put("spotChecks", 130);
        figures.put("findings", 3);
        figures.put("basesAccredited", 8);
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("accreditation", Map.of("status", "OK"));
        parts.put("enrollment", Map.of("status", "OK"));
        parts.put("placement", Map.of("status", complete ? "OK" : "TIMEOUT"));
        parts.put("subsidy", Map.of("status", "OK"));
        return Map.of("division", "420981", "period", "2025", "figures", figures, "complete", complete, "parts", parts);
    }

    void months(boolean complete) {
        List<Object> answers = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("enrolled", m == 4 ? 3657 : 0);
            f.put("completed", m == 6 ? 2756 : 0);
            f.put("placed", m == 8 ? 2602 : 0);
            answers.add(m == 9 && !complete ? new ApiException(503, null, "down", Map.of())
                    : answer(Map.of("figures", f, "complete", true)));
        }
        when(gateway.getEach(anyList())).thenReturn(answers);
    }

    @Test
    void theYearsFiguresAreTheReportsWithTheMonthsForTheCharts() throws Exception {
        when(gateway.get("/api/reports/progress?division=420981&period=2025")).thenReturn(answer(report(true)));
        months(true);
        String html = html("/dashboard?year=2025", director("COUNTY_OFFICER"));
        assertThat(html).contains("应城市 2025年度进度", "3,660", "3,657", "2,756", "结业率 75.36%", "2,602",
                "转移就业率 94.41%（承诺 90.00%）", "达到承诺", "¥731,400.00", "¥551,200.00", "抽查 130 人，发现问题 3 个",
                "data-chart=", "/assets/webjars/echarts/5.3.1/dist/echarts.min.js", "/assets/dashboard.js", "12月",
                "/dashboard/report.xlsx?year=2025&amp;division=420981")
                .doesNotContain("id=\"incomplete\"");
        // The months, cumulative, in the progress chart's data; nothing inline.
        assertThat(html).contains("&quot;enrolled&quot;:[0,0,0,3657,3657,3657,3657,3657,3657,3657,3657,3657]")
                .contains("&quot;placed&quot;:[0,0,0,0,0,0,0,2602,2602,2602,2602,2602]");
        assertThat(html).doesNotContain("<script>").doesNotContain("style=\"").doesNotContain("onclick");
    }

    @Test
    void aPartThatDidNotAnswerIsNamedAndNeverShownAsZero() throws Exception {
        when(gateway.get("/api/reports/progress?division=420981&period=2025")).thenReturn(answer(report(false)));
        months(false);
        String html = html("/dashboard?year=2025", director("COUNTY_LEADER"));
        assertThat(html).contains("id=\"incomplete\"", "转移就业", "转移就业率 —（承诺 90.00%）", "未答复")
                .doesNotContain("达到承诺", "未达承诺");
        assertThat(html).contains("&quot;placed&quot;:[0,0,0,0,0,0,0,2602,null,2602,2602,2602]");
    }

    @Test
    void baseStaffHaveNoDashboard() throws Exception {
        mvc.perform(get("/dashboard").with(oidcLogin().oidcUser(director("BASE_STAFF")))).andExpect(status().isNotFound());
    }

    @Test
    void theReportDownloadsAsTheGatewaysXlsx() throws Exception {
        when(gateway.download("/api/reports/progress.xlsx?division=420981&period=2025"))
                .thenReturn(new Gateway.Download(new byte[] {80, 75, 3, 4}, new HttpHeaders()));
        var r = mvc.perform(get("/dashboard/report.xlsx?year=2025").with(oidcLogin().oidcUser(director("FINANCE_OFFICER"))))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(r.getContentAsByteArray()).containsExactly(80, 75, 3, 4);
        assertThat(r.getHeader(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment;");
    }
}
