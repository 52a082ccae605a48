package cn.sunshine.console.report;

import cn.sunshine.console.GatewayPageTest;
import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.sunshine.console.PageTestSupport.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Progress reports with drill-down and the workbook, the gateway played by a mock that keeps jurisdiction as the
 * report API does (a division outside the caller's is 404): a province officer goes down to a county; an officer of
 * 安陆市 sees nothing of 应城市 on the page or in a download.
 */
class ReportPagesTest extends GatewayPageTest {

    static Map<String, Object> report(String division, boolean subsidyAnswered) {
        Map<String, Object> figures = new HashMap<>();
        figures.put("quota", 3660);
        figures.put("enrolled", 3657);
        figures.put("completed", 2756);
        figures.put("completionRateBp", 7536);
        figures.put("placed", 2602);
        figures.put("placementRateBp", 9441);
        figures.put("committedPlacementRateBp", 9000);
        figures.put("shortfall", false);
        figures.put("subsidyCommittedFen", subsidyAnswered ? 73140000 : null);
        figures.put("subsidyPaidFen", subsidyAnswered ? 55120000 : null);
        figures.put("spotChecks", 130);
        figures.put("findings", 3);
        figures.put("basesAccredited", 8);
        return Map.of("division", division, "period", "2026", "from", "2026-01-01", "to", "2026-12-31", "figures", figures,
                "unanswered", subsidyAnswered ? Map.of() : Map.of("subsidyCommittedFen", List.of("subsidy"),
                        "subsidyPaidFen", List.of("subsidy")), "complete", subsidyAnswered,
                "parts", Map.of("accreditation", Map.of("status", "OK"), "subsidy", Map.of("status", subsidyAnswered ? "OK" : "TIMEOUT")));
    }

    /** The report API as the gateway keeps it: the caller's division and what lies below it, else 404. */
    void reportsWithin(String callerDivision) {
        String prefix = callerDivision.endsWith("0000") ? callerDivision.substring(0, 2)
                : callerDivision.endsWith("00") ? callerDivision.substring(0, 4) : callerDivision;
        when(gateway.get(anyString())).thenAnswer(i -> {
            String path = i.getArgument(0);
            String division = path.replaceAll(".*division=(\\d{6}).*", "$1");
            if (!division.startsWith(prefix)) {
                throw new ApiException(404, "urn:sunshine:problem:not-found", "division " + division + " is not yours", Map.of());
            }
            return new Gateway.Answer(200, new HttpHeaders(), report(division, !division.equals("420981")));
        });
        when(gateway.download(anyString())).thenAnswer(i -> {
            String path = i.getArgument(0);
            String division = path.replaceAll(".*division=(\\d{6}).*", "$1");
            if (!division.startsWith(prefix)) {
                throw new ApiException(404, "urn:sunshine:problem:not-found", "division " + division + " is not yours", Map.of());
            }
            HttpHeaders h = new HttpHeaders();
            h.setContentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
            h.set(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"progress-" + division + "-2026.xlsx\"");
            return new Gateway.Download(new byte[] {'P', 'K', 3, 4}, h);
        });
    }

    @Test
    void aProvinceOfficerDrillsDownToACountyWithFiguresAsTheyRead() throws Exception {
        reportsWithin("420000");
        OidcUser province = user("province-officer", "PROVINCE_OFFICER", "420000");
        String top = html("/reports/progress?period=2026", province);
        assertThat(top).contains("湖北省", "孝感市", "黄冈市", "3,660", "94.41%", "75.36%", "¥731,400.00", "¥551,200.00",
                "2026年1月1日 至 2026年12月31日", "href=\"/reports/progress?division=420900&amp;period=2026\"",
                "href=\"/reports/progress.xlsx?division=420000&amp;period=2026\"");
        String city = mvc.perform(get("/reports/progress?division=420900&period=2026").with(oidcLogin().oidcUser(province)))
                .andReturn().getResponse().getContentAsString();
        assertThat(city).contains("data-division=\"420981\"", "应城市", "安陆市");
        String county = mvc.perform(get("/reports/progress?division=420981&year=2026&part=Q4").with(oidcLogin().oidcUser(province)))
                .andReturn().getResponse().getContentAsString();
        assertThat(county).contains("id=\"breadcrumb\"", ">湖北省</a>", ">孝感市</a>", "未答复", "超时未答复")
                .doesNotContain("id=\"children\"");
        verify(gateway).get("/api/reports/progress?division=420981&period=2026-Q4");
        String english = mvc.perform(get("/reports/progress?division=420900&period=2026&lang=en").with(oidcLogin().oidcUser(province)))
                .andReturn().getResponse().getContentAsString();
        assertThat(english).contains("Progress report", "Placement rate", "1 Jan 2026 to 31 Dec 2026");

        mvc.perform(get("/reports/progress.xlsx?division=420981&period=2026").with(oidcLogin().oidcUser(province)))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"progress-420981-2026.xlsx\""))
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, org.hamcrest.Matchers.startsWith(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")));
    }

    @Test
    void anOfficerOfAnluSeesNothingOfYingchengInAReportOrADownload() throws Exception {
        reportsWithin("420982");
        OidcUser anlu = user("county-officer-anlu", "COUNTY_OFFICER", "420982");
        String own = html("/reports/progress?period=2026", anlu);
        assertThat(own).contains("安陆市").doesNotContain("应城市", "420981", "孝感市", "湖北省");
        String other = mvc.perform(get("/reports/progress?division=420981&period=2026").with(oidcLogin().oidcUser(anlu)))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(other).contains("没有找到该记录，或它不在您的管辖范围内").doesNotContain("3,660", "应城市");
        String download = mvc.perform(get("/reports/progress.xlsx?division=420981&period=2026").with(oidcLogin().oidcUser(anlu)))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        // no workbook: its first bytes (a zip's "PK\3\4") are not in the page; "PK" alone may be in its CSRF token
        assertThat(download).contains("没有找到该记录").doesNotContain("PK\u0003\u0004");
        String city = mvc.perform(get("/reports/progress?division=420900&period=2026").with(oidcLogin().oidcUser(anlu)))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(city).doesNotContain("应城市");
    }

    @Test
    void aMalformedPeriodOrDivisionIsNeverSentOn() throws Exception {
        reportsWithin("420000");
        OidcUser province = user("province-officer", "PROVINCE_OFFICER", "420000");
        mvc.perform(get("/reports/progress?division=42&period=2026-13&x=1").with(oidcLogin().oidcUser(province)))
                .andExpect(status().isOk());
        verify(gateway, never()).get(org.mockito.ArgumentMatchers.contains("2026-13"));
        verify(gateway, never()).get(org.mockito.ArgumentMatchers.contains("division=42&"));
    }
}
