package cn.sunshine.console.audit;

import cn.sunshine.console.GatewayPageTest;
import cn.sunshine.console.api.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.List;
import java.util.Map;

import static cn.sunshine.console.PageTestSupport.user;
import static cn.sunshine.console.PageTestSupport.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The auditor's read-only pages; what an API refuses (another role, another county) is a polite not-found. */
class AuditPagesTest extends GatewayPageTest {

    @Test
    void theAuditorReadsWhoReadPersonalDataWithDatesAsCalendarDaysInShanghai() throws Exception {
        when(gateway.get(anyString())).thenReturn(answer(Map.of("items", List.of(Map.of("id", "r-1", "operation",
                "enrollment.roster-check", "divisionCode", "420981", "classId", "k-123456789", "enrollmentIds", List.of("e-1"),
                "records", 12, "readBy", "county-officer-yingcheng", "roles", List.of("COUNTY_OFFICER"), "purpose", "开班核对",
                "at", "2026-04-15T01:00:00Z")), "total", 1, "page", 0, "size", 50)));
        String html = mvc.perform(get("/audit/personal-data-reads?readBy=county-officer-yingcheng&from=2026-04-15&to=2026-04-15")
                        .with(oidcLogin().oidcUser(user("auditor-province", "AUDITOR", "420000"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("2026年4月15日 09:00", "开班核对", "县阳光办", "county-officer-yingcheng", "共 1 条");
        verify(gateway).get("/api/enrollment/audit-records?size=50&page=0&readBy=county-officer-yingcheng"
                + "&from=2026-04-14T16:00:00Z&to=2026-04-15T16:00:00Z");
    }

    @Test
    void aRoundShowsItsSeedCommitmentAndSampleSoTheDrawCanBeRepeated() throws Exception {
        when(gateway.get("/api/placement/spot-check-rounds/r-1")).thenReturn(answer(Map.ofEntries(Map.entry("id", "r-1"),
                Map.entry("kind", "ROUND"), Map.entry("status", "DRAWN"), Map.entry("divisionCode", "420981"),
                Map.entry("periodFrom", "2026-07-01"), Map.entry("periodTo", "2026-09-30"),
                Map.entry("seed", -4617315517961061000L), Map.entry("seedSource", "HMAC-SHA256(server secret, …)"),
                Map.entry("seedCommitment", "9f2c0a"), Map.entry("sampleRateBp", 500), Map.entry("minimumPerBase", 1),
                Map.entry("recordedAt", "2026-09-01T01:00:00Z"), Map.entry("recordedBy", "county-officer-yingcheng"),
                Map.entry("strata", List.of(Map.of("baseId", "b-1", "spotCheckId", "s-1", "seed", 42L, "population", 3,
                        "sampleSize", 1, "populationIds", List.of("p-1", "p-2", "p-3"), "sampleIds", List.of("p-2")))))));
        String html = html("/audit/spot-check-rounds/r-1", user("auditor-province", "AUDITOR", "420000"));
        assertThat(html).contains("-4617315517961061000", "9f2c0a", "抽取比例 5.00%，每个基地至少 1 人", "p-1, p-2, p-3", "已抽取");
    }

    @Test
    void anOfficerOfAnluSeesNothingOfYingchengInTheAuditPages() throws Exception {
        OidcUser anlu = user("county-officer-anlu", "COUNTY_OFFICER", "420982");
        when(gateway.get(anyString())).thenThrow(new ApiException(403, "urn:sunshine:problem:forbidden", "auditors only", Map.of()));
        String reads = mvc.perform(get("/audit/personal-data-reads").with(oidcLogin().oidcUser(anlu)))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(reads).contains("没有找到该记录，或它不在您的管辖范围内").doesNotContain("auditors only");
        org.mockito.Mockito.reset(gateway);
        when(gateway.get("/api/placement/spot-check-rounds/r-yingcheng")).thenThrow(new ApiException(404,
                "urn:sunshine:problem:not-found", "round r-yingcheng", Map.of()));
        mvc.perform(get("/audit/spot-check-rounds/r-yingcheng").with(oidcLogin().oidcUser(anlu))).andExpect(status().isNotFound());
        String nav = mvc.perform(get("/audit").with(oidcLogin().oidcUser(anlu))).andReturn().getResponse().getContentAsString();
        assertThat(nav).doesNotContain("id=\"nav-audit\"", "id=\"audit-spot-checks\"");
    }
}
