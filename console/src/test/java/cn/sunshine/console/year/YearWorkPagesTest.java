package cn.sunshine.console.year;

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

import static cn.sunshine.console.PageTestSupport.headersSent;
import static cn.sunshine.console.PageTestSupport.bodySent;
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
 * The year's work after enrollment with the gateway played by a mock: the county officer confirms a class's opening
 * (If-Match the class's version) and issues its vouchers (the codes printed once); base staff redeem vouchers and
 * record a class's assessments, completions and placements as class batches (a refused row named on its row,
 * nothing else sent); a follow-up recorded with If-Match, a case resolved; the home page's cards.
 */
class YearWorkPagesTest extends GatewayPageTest {

    static OidcUser officer() {
        return user("county-officer-yingcheng", "COUNTY_OFFICER", "420981");
    }

    static OidcUser staff() {
        return user("base-staff-b1", "BASE_STAFF", "420981", "b-1");
    }

    static Map<String, Object> klass(String status) {
        return Map.ofEntries(Map.entry("id", "k-1"), Map.entry("version", 3), Map.entry("baseId", "b-1"),
                Map.entry("baseName", "应城市职业教育中心"), Map.entry("majorName", "电焊"), Map.entry("status", status),
                Map.entry("plannedStart", "2026-04-15"), Map.entry("plannedEnd", "2026-05-30"),
                Map.entry("place", Map.of("town", "杨河镇", "village", "三合村", "address", "三合村村委会")),
                Map.entry("trainingForm", "FREE"), Map.entry("capacity", 30), Map.entry("feeFen", 0), Map.entry("enrolled", 3));
    }

    static Map<String, Object> enrollment(String id, String name, String status, Map<String, Object> extra) {
        Map<String, Object> e = new LinkedHashMap<>(Map.of("id", id, "status", status, "rosterCheck", "VERIFIED",
                "trainee", Map.of("name", name, "idNumber", "420981********123X")));
        e.putAll(extra);
        return e;
    }

    @BeforeEach
    void aClassWithThreeTrainees() {
        Map<String, Object> passed = Map.of("theoryScore", 82, "practicalScore", 90, "theoryPassed", true, "practicalPassed", true);
        Map<String, Object> failed = Map.of("theoryScore", 45, "practicalScore", 80, "theoryPassed", false, "practicalPassed", true);
        when(gateway.get("/api/enrollment/classes/k-1/enrollments?size=500")).thenReturn(answer(Map.of("items", List.of(
                enrollment("e-1", "李明", "ASSESSED", Map.of("assessments", List.of(passed))),
                enrollment("e-2", "王芳", "ASSESSED", Map.of("assessments", List.of(failed))),
                enrollment("e-3", "张伟", "COMPLETED", Map.of("assessments", List.of(passed),
                        "completion", Map.of("certificateNumber", "JY2026-0003")))), "total", 3)));
        when(gateway.get("/api/subsidy/classes/k-1/vouchers")).thenReturn(answer(List.of(
                Map.of("serial", "420981-2026-000001", "enrollmentId", "e-1", "status", "ISSUED", "traineeName", "李明",
                        "maskedIdNumber", "420981********123X", "amountFen", 20000, "issuedAt", "2026-04-15T01:00:00Z"),
                Map.of("serial", "420981-2026-000002", "enrollmentId", "e-2", "status", "REDEEMED", "traineeName", "王芳",
                        "maskedIdNumber", "420981********1234", "amountFen", 20000, "issuedAt", "2026-04-15T01:00:00Z"))));
    }

    // ---- the county officer: the opening and the vouchers --------------------------------------------------------

    @Test
    void aReportedClassOffersTheOpeningAndItIsConfirmedWithTheClassVersion() throws Exception {
        when(gateway.get("/api/enrollment/classes/k-1")).thenReturn(answer(klass("REPORTED")));
        String html = html("/classes/k-1", officer());
        assertThat(html).contains("id=\"opening-form\"", "确认开班", "name=\"version\" value=\"3\"", "hx-disabled-elt");

        when(gateway.post(eq("/api/enrollment/classes/k-1/opening"), any(), any())).thenReturn(answer(klass("OPENED")));
        mvc.perform(post("/classes/k-1/opening").param("version", "3").param("notes", "县阳光办到场，讲第一课")
                        .with(oidcLogin().oidcUser(officer())).with(csrf()).header("HX-Request", "true"))
                .andExpect(header().string("HX-Redirect", "/classes/k-1?opened=1"));
        assertThat(headersSent(gateway, "/api/enrollment/classes/k-1/opening").getIfMatch()).containsExactly("\"3\"");
        assertThat(bodySent(gateway, "/api/enrollment/classes/k-1/opening")).containsEntry("notes", "县阳光办到场，讲第一课");
    }

    @Test
    void anOpeningConfirmedMeanwhileAsksToReload() throws Exception {
        when(gateway.get("/api/enrollment/classes/k-1")).thenReturn(answer(klass("OPENED")));
        when(gateway.post(eq("/api/enrollment/classes/k-1/opening"), any(), any())).thenThrow(new ApiException(412,
                "urn:sunshine:problem:stale-version", "the class has changed", Map.of()));
        String html = mvc.perform(post("/classes/k-1/opening").param("version", "3")
                        .with(oidcLogin().oidcUser(officer())).with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"opening-feedback\"", "data-kind=\"CHANGED\"", "刷新页面", "id=\"opened-at\"")
                .doesNotContain("<html", "id=\"opening-form\"");
    }

    @Test
    void baseStaffCannotConfirmAnOpening() throws Exception {
        mvc.perform(post("/classes/k-1/opening").param("version", "3").with(oidcLogin().oidcUser(staff())).with(csrf()))
                .andExpect(status().isNotFound());
        verify(gateway, never()).post(anyString(), any(), any());
    }

    @Test
    void vouchersIssuedAtTheOpeningArePrintedWithTheirCodes() throws Exception {
        when(gateway.get("/api/enrollment/classes/k-1")).thenReturn(answer(klass("OPENED")));
        String page = html("/classes/k-1/vouchers", officer());
        assertThat(page).contains("发放代金券", "id=\"issue-form\"", "420981-2026-000001", "已发放", "已收券", "¥200.00");

        when(gateway.post(eq("/api/subsidy/classes/k-1/vouchers"), any(), any())).thenReturn(new Gateway.Answer(201,
                new HttpHeaders(), List.of(Map.of("serial", "420981-2026-000001", "code", "7K3QH2MZ", "traineeName", "李明",
                "maskedIdNumber", "420981********123X", "amountFen", 20000))));
        String html = mvc.perform(post("/classes/k-1/vouchers").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .header("HX-Request", "true")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("代金券发放单", "已发放 1 张代金券", "data-code=\"7K3QH2MZ\"", "7K3QH2MZ", "data-print", "学员签名")
                .doesNotContain("<html");
    }

    // ---- base staff: the class batches ------------------------------------------------------------------------

    @Test
    void theClassPageLeadsToTheYearsWork() throws Exception {
        when(gateway.get("/api/enrollment/classes/k-1")).thenReturn(answer(klass("OPENED")));
        when(gateway.get("/api/subsidy/claims?size=200&baseId=b-1")).thenReturn(answer(Map.of("items", List.of(), "total", 0)));
        String html = html("/classes/k-1", staff());
        assertThat(html).contains("本班的年度工作", "/classes/k-1/vouchers", "/classes/k-1/assessments",
                "/classes/k-1/completions", "/classes/k-1/placements");
    }

    @Test
    void completionsAreSentForTheRowsFilledAndARefusedRowIsNamedOnItsRow() throws Exception {
        when(gateway.get("/api/enrollment/classes/k-1")).thenReturn(answer(klass("OPENED")));
        String page = html("/classes/k-1/completions", staff());
        assertThat(page).contains("id=\"certificate-e-1\"", "JY2026-0003", "提交结业")
                .doesNotContain("id=\"certificate-e-2\"", "id=\"certificate-e-3\"");

        when(gateway.post(eq("/api/enrollment/classes/k-1/completions"), any(), any())).thenThrow(new ApiException(422,
                "urn:sunshine:problem:batch-rejected", "2 problem(s) found; nothing was changed", Map.of(),
                List.of(Map.of("row", 1, "enrollmentId", "e-1", "field", "certificateNumber", "message", "must not be blank"))));
        String html = mvc.perform(post("/classes/k-1/completions").param("enrollmentId", "e-1")
                        .param("certificate-e-1", "JY2026-0001").param("skillLevel-e-1", "初级")
                        .with(oidcLogin().oidcUser(staff())).with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("data-kind=\"INVALID\"", "certificateNumber: must not be blank", "value=\"JY2026-0001\"")
                .doesNotContain("<html");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sent = (List<Map<String, Object>>) bodySent(gateway, "/api/enrollment/classes/k-1/completions").get("completions");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).containsEntry("enrollmentId", "e-1").containsEntry("certificateNumber", "JY2026-0001")
                .containsEntry("skillLevel", "初级").containsEntry("skillCertificateNumber", null);
    }

    @Test
    void assessmentsOfTheClassGoInOneBatchAndTheCountsAreShown() throws Exception {
        when(gateway.get("/api/enrollment/classes/k-1")).thenReturn(answer(klass("OPENED")));
        String page = mvc.perform(get("/classes/k-1/assessments").with(oidcLogin().oidcUser(staff())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"theory-e-2\"", "已考核 · 需补考", "82 合格", "90 合格").doesNotContain("id=\"theory-e-1\"");
        when(gateway.post(eq("/api/enrollment/classes/k-1/assessments"), any(), any()))
                .thenReturn(answer(Map.of("applied", 1, "alreadyDone", 0, "enrollmentIds", List.of("e-2"))));
        mvc.perform(post("/classes/k-1/assessments").param("enrollmentId", "e-2").param("theory-e-2", "76")
                        .param("practical-e-2", "80").with(oidcLogin().oidcUser(staff())).with(csrf()).header("HX-Request", "true"))
                .andExpect(header().string("HX-Redirect", "/classes/k-1/assessments?done=1&already=0"));
        assertThat(bodySent(gateway, "/api/enrollment/classes/k-1/assessments")).isEqualTo(Map.of("assessments",
                List.of(Map.of("enrollmentId", "e-2", "theoryScore", 76, "practicalScore", 80))));
        String done = mvc.perform(get("/classes/k-1/assessments?done=1&already=0").with(oidcLogin().oidcUser(staff())))
                .andReturn().getResponse().getContentAsString();
        assertThat(done).contains("已记录 1 名学员的考核成绩（此前已记录 0 名）");
    }

    @Test
    void nothingFilledInSendsNothing() throws Exception {
        when(gateway.get("/api/enrollment/classes/k-1")).thenReturn(answer(klass("OPENED")));
        String html = mvc.perform(post("/classes/k-1/assessments").param("enrollmentId", "e-2")
                        .with(oidcLogin().oidcUser(staff())).with(csrf()).header("HX-Request", "true"))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("没有填写任何一行");
        verify(gateway, never()).post(anyString(), any(), any());
    }

    @Test
    void vouchersHandedInAreRedeemedWithTheirCodes() throws Exception {
        when(gateway.get("/api/enrollment/classes/k-1")).thenReturn(answer(klass("OPENED")));
        String page = html("/classes/k-1/vouchers", staff());
        assertThat(page).contains("id=\"code-420981-2026-000001\"", "提交收券").doesNotContain("id=\"code-420981-2026-000002\"");
        when(gateway.post(eq("/api/subsidy/classes/k-1/voucher-redemptions"), any(), any()))
                .thenReturn(answer(Map.of("redeemed", 1, "alreadyDone", 0, "serials", List.of("420981-2026-000001"))));
        mvc.perform(post("/classes/k-1/voucher-redemptions").param("serial", "420981-2026-000001")
                        .param("enrollment-420981-2026-000001", "e-1").param("code-420981-2026-000001", "7k3qh2mz")
                        .with(oidcLogin().oidcUser(staff())).with(csrf()).header("HX-Request", "true"))
                .andExpect(header().string("HX-Redirect", "/classes/k-1/vouchers?done=1&already=0"));
        assertThat(bodySent(gateway, "/api/subsidy/classes/k-1/voucher-redemptions")).isEqualTo(Map.of("redemptions",
                List.of(Map.of("serial", "420981-2026-000001", "code", "7K3QH2MZ", "enrollmentId", "e-1"))));
    }

    @Test
    void placementsOfTheClassAreReportedWithTheEmployerAndTheWageInFen() throws Exception {
        when(gateway.get("/api/enrollment/classes/k-1")).thenReturn(answer(klass("OPENED")));
        when(gateway.get("/api/placement/placements?classId=k-1&size=500&page=0")).thenReturn(answer(Map.of("items", List.of(), "total", 0)));
        String page = html("/classes/k-1/placements", staff());
        assertThat(page).contains("data-enrollment-id=\"e-3\"", "id=\"report-e-3\"", "统一社会信用代码", "省内县外")
                .doesNotContain("id=\"report-e-1\"");
        when(gateway.post(eq("/api/placement/classes/k-1/placements"), any(), any()))
                .thenReturn(answer(Map.of("placed", 1, "alreadyDone", 0, "placementIds", List.of("e-3-1"))));
        mvc.perform(post("/classes/k-1/placements").param("enrollmentId", "e-3").param("report-e-3", "true")
                        .param("employerName-e-3", "武汉江城重工有限公司").param("creditCode-e-3", "91420100ma4k0000xx")
                        .param("address-e-3", "武汉市江夏区庙山大道8号").param("hrPhone-e-3", "027-87654321")
                        .param("job-e-3", "电焊工").param("wageYuan-e-3", "5,200").param("startDate-e-3", "2026-06-15")
                        .param("workplace-e-3", "IN_PROVINCE").param("contract-e-3", "true")
                        .with(oidcLogin().oidcUser(staff())).with(csrf()).header("HX-Request", "true"))
                .andExpect(header().string("HX-Redirect", "/classes/k-1/placements?done=1&already=0"));
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = ((List<Map<String, Object>>) bodySent(gateway, "/api/placement/classes/k-1/placements")
                .get("placements")).get(0);
        assertThat(entry).containsEntry("enrollmentId", "e-3").containsEntry("job", "电焊工").containsEntry("monthlyWageFen", 520000L)
                .containsEntry("startDate", "2026-06-15").containsEntry("workplace", "IN_PROVINCE").containsEntry("contractSigned", true);
        assertThat(entry.get("employer")).isEqualTo(Map.of("name", "武汉江城重工有限公司", "creditCode", "91420100MA4K0000XX",
                "address", "武汉市江夏区庙山大道8号", "hrPhone", "027-87654321"));
    }

    // ---- follow-up and escalations ---------------------------------------------------------------------------

    static Map<String, Object> placement() {
        return Map.ofEntries(Map.entry("id", "e-3-1"), Map.entry("version", 2), Map.entry("traineeName", "张伟"),
                Map.entry("maskedIdNumber", "420981********123X"), Map.entry("status", "CURRENT"), Map.entry("job", "电焊工"),
                Map.entry("monthlyWageFen", 520000), Map.entry("startDate", "2026-06-15"), Map.entry("workplace", "IN_PROVINCE"),
                Map.entry("employer", Map.of("name", "武汉江城重工有限公司", "hrPhone", "027-87654321")),
                Map.entry("followUps", List.of(Map.of("number", 1, "dueOn", "2026-07-15", "status", "DUE"),
                        Map.of("number", 2, "dueOn", "2026-08-15", "status", "DUE"))));
    }

    @Test
    void aFollowUpDueIsRecordedWithIfMatchAndAProblemOpensACase() throws Exception {
        when(gateway.get("/api/placement/follow-ups?state=DUE&size=50&page=0")).thenReturn(answer(Map.of("items",
                List.of(placement()), "total", 1)));
        String list = html("/follow-ups", officer());
        assertThat(list).contains("data-placement-id=\"e-3-1\"", "张伟", "武汉江城重工有限公司", "/placements/e-3-1");

        when(gateway.get("/api/placement/placements/e-3-1")).thenReturn(answer(placement()));
        String page = html("/placements/e-3-1", officer());
        assertThat(page).contains("记录第 1 次回访", "/placements/e-3-1/follow-ups/1", "拖欠工资", "name=\"version\" value=\"2\"");

        when(gateway.post(eq("/api/placement/placements/e-3-1/follow-ups/1"), any(), any()))
                .thenReturn(answer(Map.of("placement", placement(), "escalationCaseId", "e-3-1-f1")));
        mvc.perform(post("/placements/e-3-1/follow-ups/1").param("version", "2").param("contactedOn", "2026-07-14")
                        .param("reached", "true").param("stillEmployed", "true").param("wageYuan", "5200")
                        .param("satisfaction", "2").param("problem", "UNPAID_WAGES").param("unpaidYuan", "2600")
                        .param("note", "六月工资未发").with(oidcLogin().oidcUser(officer())).with(csrf()).header("HX-Request", "true"))
                .andExpect(header().string("HX-Redirect", "/placements/e-3-1?recorded=1&escalated=e-3-1-f1"));
        assertThat(headersSent(gateway, "/api/placement/placements/e-3-1/follow-ups/1").getIfMatch()).containsExactly("\"2\"");
        assertThat(bodySent(gateway, "/api/placement/placements/e-3-1/follow-ups/1")).containsEntry("contactedOn", "2026-07-14")
                .containsEntry("reached", true).containsEntry("stillEmployed", true).containsEntry("monthlyWageFen", 520000L)
                .containsEntry("satisfaction", 2).containsEntry("problems", List.of("UNPAID_WAGES"))
                .containsEntry("unpaidWagesFen", 260000L).containsEntry("note", "六月工资未发");
    }

    @Test
    void baseStaffRecordADepartureWithIfMatchAndThenTheNextJobOnce() throws Exception {
        when(gateway.get("/api/placement/placements/e-3-1")).thenReturn(answer(placement()));
        String current = html("/placements/e-3-1", staff());
        assertThat(current).contains("id=\"departure-form\"", "学员已离岗：记录离岗").doesNotContain("id=\"replacement-form\"");
        assertThat(mvc.perform(get("/placements/e-3-1").with(oidcLogin().oidcUser(officer()))).andReturn().getResponse()
                .getContentAsString()).as("the county's officer records follow-ups, not departures").doesNotContain("departure-form");

        when(gateway.post(eq("/api/placement/placements/e-3-1/departure"), any(), any())).thenReturn(answer(Map.of()));
        mvc.perform(post("/placements/e-3-1/departure").param("version", "2").param("leftOn", "2026-09-01")
                        .param("reason", " 工厂停产，本人离职 ").with(oidcLogin().oidcUser(staff())).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(header().string("Location", "/placements/e-3-1?changed=left"));
        assertThat(headersSent(gateway, "/api/placement/placements/e-3-1/departure").getIfMatch()).containsExactly("\"2\"");
        assertThat(bodySent(gateway, "/api/placement/placements/e-3-1/departure")).isEqualTo(Map.of("leftOn", "2026-09-01",
                "reason", "工厂停产，本人离职"));
        mvc.perform(post("/placements/e-3-1/departure").param("version", "2").param("leftOn", "2026-09-01")
                .param("reason", "x").with(oidcLogin().oidcUser(officer())).with(csrf())).andExpect(status().isNotFound());

        Map<String, Object> left = new java.util.HashMap<>(placement());
        left.put("status", "LEFT");
        left.put("enrollmentId", "e-3");
        left.put("leftOn", "2026-09-01");
        left.put("leftReason", "工厂停产，本人离职");
        when(gateway.get("/api/placement/placements/e-3-1")).thenReturn(answer(left));
        String page = html("/placements/e-3-1?changed=left", staff());
        assertThat(page).contains("已记录离岗", "2026年9月1日离岗：工厂停产，本人离职", "id=\"replacement-form\"")
                .doesNotContain("id=\"departure-form\"");
        String key = page.replaceAll("(?s).*name=\"key\" value=\"([0-9a-f-]{36})\".*", "$1");

        when(gateway.post(eq("/api/placement/placements"), any(), any())).thenReturn(answer(Map.of("id", "e-3-2")));
        mvc.perform(post("/placements/e-3-1/replacement").param("key", key).param("employerName", "孝感市楚天机械有限公司")
                        .param("creditCode", "91420900ma4k00001x").param("address", "孝感市孝南区长征路18号")
                        .param("hrPhone", "0712-2345678").param("job", "电焊工").param("wageYuan", "4,800")
                        .param("startDate", "2026-09-20").param("workplace", "IN_PROVINCE").param("contractSigned", "true")
                        .with(oidcLogin().oidcUser(staff())).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(header().string("Location", "/placements/e-3-2?changed=replaced"));
        assertThat(headersSent(gateway, "/api/placement/placements").getFirst("Idempotency-Key")).isEqualTo(key);
        Map<String, Object> sent = bodySent(gateway, "/api/placement/placements");
        assertThat(sent).containsEntry("enrollmentId", "e-3").containsEntry("replacesPlacementId", "e-3-1")
                .containsEntry("monthlyWageFen", 480000L).containsEntry("workplace", "IN_PROVINCE").containsEntry("contractSigned", true);
        assertThat(sent.get("employer")).isEqualTo(Map.of("name", "孝感市楚天机械有限公司", "creditCode", "91420900MA4K00001X",
                "address", "孝感市孝南区长征路18号", "hrPhone", "0712-2345678"));
    }

    @Test
    void aRefusedNextJobKeepsWhatWasTypedAndNamesTheField() throws Exception {
        Map<String, Object> left = new java.util.HashMap<>(placement());
        left.put("status", "LEFT");
        left.put("enrollmentId", "e-3");
        when(gateway.get("/api/placement/placements/e-3-1")).thenReturn(answer(left));
        when(gateway.post(eq("/api/placement/placements"), any(), any())).thenThrow(new ApiException(400,
                "urn:sunshine:problem:validation", "startDate: must not be before the departure",
                Map.of("startDate", "must not be before the departure")));
        String html = mvc.perform(post("/placements/e-3-1/replacement").param("key", "0b6f9d3e-5a1c-4c2e-9f4a-1d2e3f4a5b6c")
                        .param("employerName", "孝感市楚天机械有限公司")
                        .param("startDate", "2026-08-01").param("job", "电焊工").with(oidcLogin().oidcUser(staff())).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(html).doesNotContain("value=\"0b6f9d3e-5a1c-4c2e-9f4a-1d2e3f4a5b6c\"");
        // Unavailable: the request may have landed, so the page keeps its key for the next try.
        org.mockito.Mockito.doThrow(new ApiException(503, "urn:sunshine:problem:unavailable", "down", Map.of()))
                .when(gateway).post(eq("/api/placement/placements"), any(), any());
        String later = mvc.perform(post("/placements/e-3-1/replacement").param("key", "0b6f9d3e-5a1c-4c2e-9f4a-1d2e3f4a5b6c")
                        .param("employerName", "孝感市楚天机械有限公司").with(oidcLogin().oidcUser(staff())).with(csrf()))
                .andExpect(status().isServiceUnavailable()).andReturn().getResponse().getContentAsString();
        assertThat(later).contains("name=\"key\" value=\"0b6f9d3e-5a1c-4c2e-9f4a-1d2e3f4a5b6c\"");
        assertThat(html).contains("id=\"replacement-feedback\"", "id=\"startDate-error\"", "must not be before the departure",
                "value=\"孝感市楚天机械有限公司\"", "value=\"2026-08-01\"");
    }

    @Test
    void anEscalationIsResolvedWithIfMatch() throws Exception {
        Map<String, Object> c = Map.ofEntries(Map.entry("id", "e-3-1-f1"), Map.entry("version", 0), Map.entry("status", "OPEN"),
                Map.entry("traineeName", "张伟"), Map.entry("employerName", "武汉江城重工有限公司"),
                Map.entry("problems", List.of("UNPAID_WAGES")), Map.entry("unpaidWagesFen", 260000),
                Map.entry("openedAt", "2026-07-14T02:00:00Z"), Map.entry("recoveredWagesFen", 0));
        when(gateway.get("/api/placement/escalations?status=OPEN&size=50&page=0")).thenReturn(answer(Map.of("items", List.of(c), "total", 1)));
        String page = html("/escalations", officer());
        assertThat(page).contains("data-case-id=\"e-3-1-f1\"", "拖欠工资", "¥2,600.00", "办结");
        when(gateway.post(eq("/api/placement/escalations/e-3-1-f1/resolution"), any(), any())).thenReturn(answer(Map.of()));
        mvc.perform(post("/escalations/e-3-1-f1/resolution").param("version", "0").param("resolution", "经协调，单位已补发工资")
                        .param("recoveredYuan", "2600").with(oidcLogin().oidcUser(officer())).with(csrf()))
                .andExpect(header().string("Location", "/escalations?resolved=e-3-1-f1"));
        assertThat(headersSent(gateway, "/api/placement/escalations/e-3-1-f1/resolution").getIfMatch()).containsExactly("\"0\"");
        assertThat(bodySent(gateway, "/api/placement/escalations/e-3-1-f1/resolution"))
                .isEqualTo(Map.of("resolution", "经协调，单位已补发工资", "recoveredWagesFen", 260000L));
    }

    @Test
    void theOfficersHomeCountsClassesToOpenFollowUpsDueAndOpenCases() throws Exception {
        // Every other card of the officer's home (the accreditation work's) counts nothing here.
        when(gateway.get(org.mockito.ArgumentMatchers.anyString())).thenReturn(answer(Map.of("total", 0, "items", List.of())));
        when(gateway.get("/api/enrollment/classes?status=REPORTED&size=1")).thenReturn(answer(Map.of("total", 2)));
        when(gateway.get("/api/placement/follow-ups?state=DUE&size=1")).thenReturn(answer(Map.of("total", 5)));
        when(gateway.get("/api/placement/escalations?status=OPEN&size=1")).thenThrow(new ApiException(503,
                "urn:sunshine:problem:service-unavailable", "down", Map.of()));
        when(gateway.get(org.mockito.ArgumentMatchers.startsWith("/api/subsidy/claims"))).thenReturn(answer(Map.of("total", 0)));
        String html = html("/", officer());
        assertThat(html).contains("id=\"task-opening\"", "href=\"/classes?status=REPORTED\"", "待开班", "到期回访",
                "id=\"task-followUps\"", "id=\"task-escalations\"", "暂时无法获取", "id=\"nav-follow-ups\"");
    }
}
