package cn.sunshine.console.spotcheck;

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
 * The county officer's spot checks with the gateway mocked: the list (the auditor's table, with the bases' names and
 * a link to each check), a round drawn once with its Idempotency-Key, a refusal shown in the API's words, the sample
 * with a call recorded (If-Match the check's version) and a finding leading to a recovery, the printable call sheet,
 * the conclusion; another county's officer and base staff get not-found.
 */
class SpotCheckPagesTest extends GatewayPageTest {

    static OidcUser officer() {
        return user("county-officer-yingcheng", "COUNTY_OFFICER", "420981", null);
    }

    static Map<String, Object> item(String p, String e, String name, Map<String, Object> call) {
        Map<String, Object> i = new LinkedHashMap<>(Map.of("placementId", p, "enrollmentId", e, "traineeName", name,
                "maskedIdNumber", "420981********123X", "employerName", "应城市双环机械制造有限公司", "job", "电焊工",
                "workplace", "HOME_COUNTY", "contact", "RETRIEVED", "phone", "13971234567"));
        if (call != null) {
            i.put("call", call);
        }
        return i;
    }

    static Map<String, Object> check(String status, List<Map<String, Object>> items) {
        return Map.ofEntries(Map.entry("id", "s-1"), Map.entry("version", 4), Map.entry("baseId", "b-1"),
                Map.entry("divisionCode", "420981"), Map.entry("year", 2026), Map.entry("periodFrom", "2026-06-01"),
                Map.entry("periodTo", "2026-06-30"), Map.entry("population", 20), Map.entry("sampleRateBp", 500),
                Map.entry("seed", 42), Map.entry("roundId", "r-1"), Map.entry("sampled", items.size()),
                Map.entry("contactsPending", 0), Map.entry("status", status), Map.entry("drawnAt", "2026-07-20T02:00:00Z"),
                Map.entry("drawnBy", "county-officer-yingcheng"), Map.entry("items", items));
    }

    static final Map<String, Object> FINDING = Map.of("reached", true, "attendedTraining", true, "employedAsReported", false,
            "subsidyReceived", true, "chargedFee", false, "findingIds", List.of("f-1"),
            "findingKinds", List.of("NOT_EMPLOYED_AS_REPORTED"), "recordedAt", "2026-07-20T03:00:00Z", "recordedBy", "county-officer-yingcheng");

    @BeforeEach
    void bases() {
        when(gateway.get("/api/enrollment/bases?size=200")).thenReturn(answer(Map.of("items",
                List.of(Map.of("baseId", "b-1", "name", "应城市职业教育中心")), "total", 1)));
        when(gateway.get("/api/enrollment/bases/b-1")).thenReturn(answer(Map.of("baseId", "b-1", "name", "应城市职业教育中心")));
    }

    @Test
    void theCountysChecksAreListedAndARoundIsDrawnOnceWithItsKey() throws Exception {
        when(gateway.get("/api/placement/spot-checks?size=50&page=0")).thenReturn(answer(Map.of("items",
                List.of(check("OPEN", List.of())), "total", 1)));
        String page = html("/spot-checks", officer());
        assertThat(page).contains("全县抽查", "id=\"round-form\"", "id=\"base-form\"", "应城市职业教育中心", "href=\"/spot-checks/s-1\"",
                "/audit/spot-check-rounds/r-1", "data-disable-in-flight", "name=\"key\"");

        when(gateway.post(eq("/api/placement/spot-check-rounds"), any(), any())).thenReturn(new Gateway.Answer(201,
                new HttpHeaders(), Map.of("roundId", "r-9", "seed", 7, "spotChecks", List.of())));
        mvc.perform(post("/spot-checks/rounds").param("periodFrom", "2026-06-01").param("periodTo", "2026-06-30")
                        .param("key", "7b0c6a3e-0000-4000-8000-000000000001").with(oidcLogin().oidcUser(officer())).with(csrf()))
                .andExpect(redirectedUrl("/spot-checks?round=r-9"));
        assertThat(bodySent(gateway, "/api/placement/spot-check-rounds")).containsEntry("periodFrom", "2026-06-01")
                .containsEntry("periodTo", "2026-06-30").doesNotContainKey("seed");
        assertThat(headersSent(gateway, "/api/placement/spot-check-rounds").getFirst("Idempotency-Key"))
                .isEqualTo("7b0c6a3e-0000-4000-8000-000000000001");
    }

    @Test
    void aDrawRefusedIsShownInTheApisWordsBesideItsForm() throws Exception {
        when(gateway.get("/api/placement/spot-checks?size=50&page=0")).thenReturn(answer(Map.of("items", List.of(), "total", 0)));
        when(gateway.post(eq("/api/placement/spot-checks"), any(), any())).thenThrow(new ApiException(422,
                "urn:sunshine:problem:nothing-to-check", "该基地在此期间没有上报就业情况", Map.of()));
        String html = mvc.perform(post("/spot-checks/draws").param("baseId", "b-1").param("periodFrom", "2026-01-01")
                        .param("periodTo", "2026-01-31").with(oidcLogin().oidcUser(officer())).with(csrf()))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"base-feedback\"", "该基地在此期间没有上报就业情况", "value=\"2026-01-01\"")
                .doesNotContain("id=\"round-feedback\"");
    }

    @Test
    void theSampleIsCalledAndAFindingLeadsToARecovery() throws Exception {
        when(gateway.get("/api/placement/spot-checks/s-1")).thenReturn(answer(check("OPEN", List.of(
                item("p-1", "e-1", "李明", null), item("p-2", "e-2", "王芳", FINDING)))));
        String page = html("/spot-checks/s-1", officer());
        assertThat(page).contains("应城市职业教育中心", "13971234567", "id=\"call-0\"", "name=\"version\" value=\"4\"",
                "未如实就业（虚报）", "id=\"recover-e-2\"", "/recoveries/new?baseId=b-1&amp;enrollmentId=e-2", "id=\"conclude\"")
                .doesNotContain("id=\"call-1\"");

        when(gateway.post(eq("/api/placement/spot-checks/s-1/calls"), any(), any())).thenReturn(answer(check("OPEN", List.of())));
        mvc.perform(post("/spot-checks/s-1/calls").param("placementId", "p-1").param("version", "4").param("reached", "true")
                        .param("attendedTraining", "false").param("employedAsReported", "true").param("subsidyReceived", "true")
                        .param("chargedFee", "false").param("note", "本人称未参加培训")
                        .with(oidcLogin().oidcUser(officer())).with(csrf()))
                .andExpect(redirectedUrl("/spot-checks/s-1?done=called"));
        assertThat(bodySent(gateway, "/api/placement/spot-checks/s-1/calls")).containsEntry("placementId", "p-1")
                .containsEntry("reached", true).containsEntry("attendedTraining", false).containsEntry("chargedFee", false)
                .containsEntry("note", "本人称未参加培训");
        assertThat(headersSent(gateway, "/api/placement/spot-checks/s-1/calls").getIfMatch()).containsExactly("\"4\"");
    }

    @Test
    void aCallNotReachedSendsNoAnswersAndACallRecordedMeanwhileAsksToReload() throws Exception {
        when(gateway.get("/api/placement/spot-checks/s-1")).thenReturn(answer(check("OPEN", List.of(item("p-1", "e-1", "李明", null)))));
        when(gateway.post(eq("/api/placement/spot-checks/s-1/calls"), any(), any())).thenThrow(new ApiException(409,
                "urn:sunshine:problem:call-recorded", "this trainee's call is recorded already", Map.of()));
        String html = mvc.perform(post("/spot-checks/s-1/calls").param("placementId", "p-1").param("version", "4")
                        .param("reached", "false").param("attendedTraining", "true")
                        .with(oidcLogin().oidcUser(officer())).with(csrf()))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"call-feedback\"", "data-kind=\"CHANGED\"", "刷新页面");
        assertThat(bodySent(gateway, "/api/placement/spot-checks/s-1/calls")).containsEntry("reached", false)
                .doesNotContainKey("attendedTraining");
    }

    @Test
    void theCallSheetIsPrintedOnA4WithPhonesAndOutcomeColumns() throws Exception {
        when(gateway.get("/api/placement/spot-checks/s-1")).thenReturn(answer(check("OPEN", List.of(
                item("p-1", "e-1", "李明", null), item("p-2", "e-2", "王芳", FINDING)))));
        String sheet = html("/spot-checks/s-1/sheet", officer());
        assertThat(sheet).contains("就业情况电话抽查表", "class=\"sheet-table\"", "data-print", "13971234567", "□是 □否",
                "420981********123X", "抽查人签字", "是否接通", "被另行收费");
    }

    @Test
    void theConclusionSendsTheVersionAndAConcludedCheckShowsNoPhoneNorForm() throws Exception {
        when(gateway.post(eq("/api/placement/spot-checks/s-1/conclusion"), any(), any())).thenReturn(answer(check("CONCLUDED", List.of())));
        mvc.perform(post("/spot-checks/s-1/conclusion").param("version", "4").with(oidcLogin().oidcUser(officer())).with(csrf()))
                .andExpect(redirectedUrl("/spot-checks/s-1?done=concluded"));
        assertThat(headersSent(gateway, "/api/placement/spot-checks/s-1/conclusion").getIfMatch()).containsExactly("\"4\"");

        Map<String, Object> erased = item("p-2", "e-2", "王芳", FINDING);
        erased.remove("phone");
        when(gateway.get("/api/placement/spot-checks/s-1")).thenReturn(answer(check("CONCLUDED", List.of(erased))));
        String page = html("/spot-checks/s-1?done=concluded", officer());
        assertThat(page).contains("抽查已结束，学员电话已删除", "已删除", "未如实就业（虚报）")
                .doesNotContain("id=\"conclude\"", "id=\"call-0\"", "13971234567");
    }

    @Test
    void theOfficersHomeCountsTheOpenChecks() throws Exception {
        when(gateway.get(anyString())).thenReturn(answer(Map.of("items", List.of(), "total", 0))); // the other cards
        when(gateway.get("/api/placement/spot-checks?size=100")).thenReturn(answer(Map.of("items",
                List.of(check("OPEN", List.of()), check("OPEN", List.of()), check("CONCLUDED", List.of())), "total", 3)));
        String home = html("/", officer());
        assertThat(home).contains("id=\"task-spotChecks\"", "进行中的抽查（待打电话）", "<span class=\"count\">2</span>",
                "id=\"nav-spot-checks\"", "id=\"nav-recoveries\"", "id=\"nav-orders\"");
    }

    @Test
    void anotherCountysOfficerAndBaseStaffGetNothing() throws Exception {
        when(gateway.get("/api/placement/spot-checks/s-1")).thenThrow(new ApiException(404, "urn:sunshine:problem:not-found", "no such spot check", Map.of()));
        mvc.perform(get("/spot-checks/s-1").with(oidcLogin().oidcUser(user("county-officer-anlu", "COUNTY_OFFICER", "420982", null))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/spot-checks/s-1/sheet").with(oidcLogin().oidcUser(user("county-officer-anlu", "COUNTY_OFFICER", "420982", null))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/spot-checks").with(oidcLogin().oidcUser(user("base-staff-b1", "BASE_STAFF", "420981", "b-1"))))
                .andExpect(status().isNotFound());
        mvc.perform(post("/spot-checks/rounds").param("periodFrom", "2026-06-01").param("periodTo", "2026-06-30")
                        .with(oidcLogin().oidcUser(user("base-staff-b1", "BASE_STAFF", "420981", "b-1"))).with(csrf()))
                .andExpect(status().isNotFound());
        verify(gateway, never()).post(anyString(), any(), any());
    }
}
