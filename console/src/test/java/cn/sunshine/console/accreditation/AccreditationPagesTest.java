package cn.sunshine.console.accreditation;

import cn.sunshine.console.GatewayPageTest;
import cn.sunshine.console.api.ApiException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static cn.sunshine.console.PageTestSupport.user;
import static cn.sunshine.console.PageTestSupport.sent;
import static cn.sunshine.console.PageTestSupport.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The county officer's tenders, applications, panel, ranking, notice and agreements, the gateway played by a mock. */
class AccreditationPagesTest extends GatewayPageTest {

    static OidcUser officer() {
        return user("county-officer-yingcheng", "COUNTY_OFFICER", "420981");
    }

    static Map<String, Object> tender(String id, String status, String stage, String noticeId) {
        Map<String, Object> t = new java.util.LinkedHashMap<>(Map.ofEntries(Map.entry("id", id), Map.entry("divisionCode", "420981"),
                Map.entry("year", 2026), Map.entry("title", "应城市2026年阳光工程培训基地招标公告"), Map.entry("status", status),
                Map.entry("stage", stage), Map.entry("scale", 100), Map.entry("passingScore", 60),
                Map.entry("conditions", List.of("具有独立法人资格")), Map.entry("whereToApply", "应城市阳光办"),
                Map.entry("requiredMaterials", List.of("LEGAL_PERSON_CERTIFICATE")),
                Map.entry("majors", List.of(Map.of("majorCode", "WELDING", "majorName", "电焊", "capacitySought", 400))),
                Map.entry("applicationOpensAt", "2026-03-02T00:00:00Z"), Map.entry("applicationClosesAt", "2026-03-20T02:00:00Z"),
                Map.entry("criteria", List.of(Map.of("code", "TEACHING", "name", "师资力量", "weightBp", 6000),
                        Map.of("code", "PLACEMENT", "name", "转移就业能力", "weightBp", 4000)))));
        t.put("noticeId", noticeId);
        return t;
    }

    static Map<String, Object> notice(boolean open, boolean decided) {
        Map<String, Object> objection = new java.util.LinkedHashMap<>(Map.of("id", "o-1", "filedAt", "2026-04-02T02:00:00Z",
                "contact", Map.of("name", "张先生", "phone", "13971234567"), "applicationId", "a-1",
                "statement", "该校实训车间为租用，与申报材料不符"));
        objection.put("ruling", decided ? Map.of("outcome", "DISMISSED", "decision", Map.of("by", "county-officer-yingcheng",
                "at", "2026-04-03T02:00:00Z", "reason", "经核查，租期五年")) : null);
        return Map.ofEntries(Map.entry("id", "n-1"), Map.entry("tenderId", "t-1"), Map.entry("title", "应城市2026年阳光工程培训基地招标公告"),
                Map.entry("status", "OPEN"), Map.entry("open", open), Map.entry("firstDay", "2026-04-01"), Map.entry("lastDay", "2026-04-07"),
                Map.entry("entries", List.of(Map.of("applicationId", "a-1", "rank", 1, "institutionName", "应城市职业教育中心",
                        "status", "PROPOSED", "removedMajors", List.of(), "majors", List.of(Map.of("majorCode", "WELDING",
                                "majorName", "电焊", "annualCapacity", 1200, "feeStandardFen", 126000))))),
                Map.entry("objections", List.of(objection)));
    }

    @Test
    void theOfficersHomeCountsWhatWaitsInAccreditation() throws Exception {
        when(gateway.get(anyString())).thenReturn(answer(Map.of("total", 0, "items", List.of())));
        when(gateway.get("/api/accreditation/tenders?status=PUBLISHED&size=100")).thenReturn(answer(Map.of("total", 3, "items", List.of(
                tender("t-1", "PUBLISHED", "NOTICED", "n-1"), tender("t-2", "PUBLISHED", "CLOSED", null),
                tender("t-3", "PUBLISHED", "OPEN", null)))));
        when(gateway.getEach(List.of("/api/accreditation/notices/n-1", "/api/accreditation/tenders/t-2/ranking")))
                .thenReturn(List.of(answer(notice(true, false)), answer(Map.of("complete", true, "entries", List.of()))));
        when(gateway.get("/api/accreditation/agreements?size=200")).thenReturn(answer(Map.of("total", 2, "items", List.of(
                Map.of("id", "ag-1", "versions", List.of(Map.of("number", 1, "status", "PROPOSED"))),
                Map.of("id", "ag-2", "versions", List.of(Map.of("number", 1, "status", "EFFECTIVE")))))));
        String html = html("/", officer());
        assertThat(html).contains("id=\"accr-task-ranked\"", "评分已齐，待发布公示", "公示异议待处理", "协议待基地签署",
                "/accreditation/tenders?waiting=objections", "/accreditation/agreements?waiting=unsigned", "招标认定");
        assertThat(html.replaceAll("\\s+", " ")).contains("accr-task-objections\" href=\"/accreditation/tenders?waiting=objections\"> <div class=\"card-body\"> <div class=\"text-muted\">公示异议待处理</div> <div class=\"display-6 fw-bold\"><span class=\"count\">1</span>");

        String list = mvc.perform(get("/accreditation/tenders?waiting=objections").with(oidcLogin().oidcUser(officer())))
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains("data-tender-id=\"t-1\"", "结果公示中").doesNotContain("data-tender-id=\"t-2\"");
    }

    @Test
    void basesStaffAndLeadersSeeNoAccreditationCardsAndTheTendersAreNotTheirs() throws Exception {
        when(gateway.get(anyString())).thenReturn(answer(Map.of("total", 0, "items", List.of())));
        String html = mvc.perform(get("/").with(oidcLogin().oidcUser(user("leader", "COUNTY_LEADER", "420981"))))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).doesNotContain("accreditation-cards", "nav-accreditation");
        verify(gateway, never()).get("/api/accreditation/tenders?status=PUBLISHED&size=100");
        mvc.perform(get("/accreditation/tenders").with(oidcLogin().oidcUser(user("leader", "COUNTY_LEADER", "420981"))))
                .andExpect(status().isNotFound());
    }

    @Test
    void aDraftGoesAsTheApiAsksAndTheApisFieldMessageStandsUnderItsRow() throws Exception {
        String form = mvc.perform(get("/accreditation/tenders/new").with(oidcLogin().oidcUser(officer())))
                .andReturn().getResponse().getContentAsString();
        assertThat(form).contains("tender-form", "name=\"idempotencyKey\"", "data-disable-in-flight", "value=\"420981\"", "法人证书");
        when(gateway.post(eq("/api/accreditation/tenders"), any(), any())).thenReturn(answer(Map.of("id", "t-9")));
        mvc.perform(post("/accreditation/tenders").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .param("idempotencyKey", "draft-12345678").param("title", "应城市2026年招标公告").param("year", "2026")
                        .param("divisionCode", "420981").param("conditions", "具有独立法人资格\n\n有固定的培训场所")
                        .param("whereToApply", "应城市阳光办").param("requiredMaterials", "LEGAL_PERSON_CERTIFICATE")
                        .param("majorCode", "welding", "", "").param("majorName", "电焊", "", "").param("capacitySought", "400", "", "")
                        .param("criterionCode", "TEACHING", "PLACEMENT", "").param("criterionName", "师资力量", "转移就业能力", "")
                        .param("weightPercent", "60", "40", "").param("scale", "100").param("passingScore", "60")
                        .param("applicationOpensAt", "2026-06-20T08:00").param("applicationClosesAt", "2026-06-23T18:00"))
                .andExpect(redirectedUrl("/accreditation/tenders/t-9?done=drafted"));
        ArgumentCaptor<Object> body = ArgumentCaptor.captor();
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.captor();
        verify(gateway).post(eq("/api/accreditation/tenders"), body.capture(), headers.capture());
        @SuppressWarnings("unchecked")
        Map<String, Object> b = (Map<String, Object>) body.getValue();
        assertThat(b).containsEntry("divisionCode", "420981").containsEntry("year", 2026).containsEntry("title", "应城市2026年招标公告")
                .containsEntry("conditions", List.of("具有独立法人资格", "有固定的培训场所")).containsEntry("whereToApply", "应城市阳光办")
                .containsEntry("requiredMaterials", List.of("LEGAL_PERSON_CERTIFICATE"))
                .containsEntry("majors", List.of(Map.of("majorCode", "WELDING", "majorName", "电焊", "capacitySought", 400)))
                .containsEntry("criteria", List.of(Map.of("code", "TEACHING", "name", "师资力量", "weightBp", 6000),
                        Map.of("code", "PLACEMENT", "name", "转移就业能力", "weightBp", 4000)))
                .containsEntry("scale", 100).containsEntry("passingScore", 60)
                .containsEntry("applicationOpensAt", "2026-06-20T00:00:00Z").containsEntry("applicationClosesAt", "2026-06-23T10:00:00Z");
        assertThat(sent(headers).getFirst("Idempotency-Key")).isEqualTo("draft-12345678");

        doThrow(new ApiException(400, "urn:sunshine:problem:validation", "invalid",
                Map.of("criteria[1].weightBp", "the weights must add up to 10000"))).when(gateway).post(eq("/api/accreditation/tenders"), any(), any());
        String refused = mvc.perform(post("/accreditation/tenders").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .param("idempotencyKey", "draft-12345678").param("title", "招标").param("year", "2026")
                        .param("criterionCode", "TEACHING", "PLACEMENT").param("criterionName", "师资力量", "转移就业能力")
                        .param("weightPercent", "60", "30"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"criterion-1-weight-error\"", "the weights must add up to 10000", "value=\"draft-12345678\"",
                "value=\"30\"");

        String notANumber = mvc.perform(post("/accreditation/tenders").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .param("title", "招标").param("majorCode", "WELDING").param("majorName", "电焊").param("capacitySought", "四百"))
                .andReturn().getResponse().getContentAsString();
        assertThat(notANumber).contains("id=\"major-0-capacity-error\"");
    }

    @Test
    void publishingSendsTheETagAndAStaleOneAsksToReload() throws Exception {
        when(gateway.get("/api/accreditation/tenders/t-1")).thenReturn(answer(tender("t-1", "DRAFT", "DRAFT", null), "\"0\""));
        String page = mvc.perform(get("/accreditation/tenders/t-1").with(oidcLogin().oidcUser(officer())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("publish-form", "hx-disabled-elt=\"find button\"", "value=\"&quot;0&quot;\"", "60.00%", "草稿")
                .doesNotContain("panel-form");
        when(gateway.post(eq("/api/accreditation/tenders/t-1/publication"), any(), any())).thenReturn(answer(Map.of()));
        mvc.perform(post("/accreditation/tenders/t-1/publication").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .header("HX-Request", "true").param("etag", "\"0\""))
                .andExpect(header().string("HX-Redirect", "/accreditation/tenders/t-1?done=published"));
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.captor();
        verify(gateway).post(eq("/api/accreditation/tenders/t-1/publication"), any(), headers.capture());
        assertThat(sent(headers).getIfMatch()).containsExactly("\"0\"");

        doThrow(new ApiException(412, "urn:sunshine:problem:stale-version", "stale", Map.of()))
                .when(gateway).post(eq("/api/accreditation/tenders/t-1/publication"), any(), any());
        String stale = mvc.perform(post("/accreditation/tenders/t-1/publication").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .header("HX-Request", "true").param("etag", "\"0\""))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(stale).contains("id=\"publish-feedback\"", "data-kind=\"CHANGED\"", "刷新页面");
    }

    void aPublishedTender() {
        when(gateway.get("/api/accreditation/tenders/t-1")).thenReturn(answer(tender("t-1", "PUBLISHED", "CLOSED", null), "\"1\""));
        when(gateway.get("/api/accreditation/tenders/t-1/applications?size=200")).thenReturn(answer(Map.of("total", 1, "items", List.of(
                Map.of("id", "a-1", "status", "SUBMITTED", "tenderId", "t-1", "submission", Map.of("by", "x", "at", "2026-03-05T01:00:00Z"),
                        "institution", Map.of("legalName", "应城市职业教育中心", "creditCode", "52420981MJ0000001X"),
                        "majors", List.of(Map.of("majorCode", "WELDING", "majorName", "电焊")))))));
        when(gateway.get("/api/accreditation/tenders/t-1/panel")).thenReturn(answer(Map.of("members", List.of(
                Map.of("reviewerId", "expert-wu", "name", "吴高工", "status", "DECLARED", "declaration", Map.of("at", "2026-03-21T01:00:00Z")),
                Map.of("reviewerId", "expert-zhou", "name", "周教授", "status", "APPOINTED")))));
        when(gateway.get("/api/accreditation/applications/a-1")).thenReturn(answer(Map.of("id", "a-1", "tenderId", "t-1",
                "status", "SUBMITTED", "submission", Map.of("by", "applicant-1", "at", "2026-03-05T01:00:00Z"),
                "institution", Map.of("legalName", "应城市职业教育中心", "creditCode", "52420981MJ0000001X", "address", "应城市城中",
                        "contacts", List.of(Map.of("name", "李校长", "role", "校长", "phone", "13907120000"))),
                "documents", List.of(), "majors", List.of(Map.of("majorName", "电焊", "annualCapacity", 1200, "feeStandardFen", 126000,
                        "durationDays", 30, "teachers", List.of(), "placementPartners", List.of()))), "\"2\""));
    }

    @Test
    void theApplicationsReceivedThePanelAndARejectionWithReasons() throws Exception {
        aPublishedTender();
        String page = mvc.perform(get("/accreditation/tenders/t-1").with(oidcLogin().oidcUser(officer())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("data-application-id=\"a-1\"", "应城市职业教育中心", "data-reviewer=\"expert-zhou\"", "待声明利害关系",
                "已声明无利害关系", "panel-form", "open-ranking", "专家评审中");

        String application = mvc.perform(get("/accreditation/applications/a-1").with(oidcLogin().oidcUser(officer())))
                .andReturn().getResponse().getContentAsString();
        assertThat(application).contains("reject-form", "13907120000", "¥1,260.00", "2026年3月5日 09:00");
        when(gateway.post(eq("/api/accreditation/applications/a-1/rejection"), any(), any())).thenReturn(answer(Map.of()));
        mvc.perform(post("/accreditation/applications/a-1/rejection").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .header("HX-Request", "true").param("etag", "\"2\"").param("reasons", "无固定实训场所\n师资不足"))
                .andExpect(header().string("HX-Redirect", "/accreditation/applications/a-1?done=rejected"));
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.captor();
        verify(gateway).post(eq("/api/accreditation/applications/a-1/rejection"), eq(Map.of("reasons", List.of("无固定实训场所", "师资不足"))),
                headers.capture());
        assertThat(sent(headers).getIfMatch()).containsExactly("\"2\"");

        when(gateway.post(eq("/api/accreditation/tenders/t-1/panel"), any(), any())).thenReturn(answer(Map.of()));
        mvc.perform(post("/accreditation/tenders/t-1/panel").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .param("idempotencyKey", "panel-12345678").param("reviewerId", "expert-li", "").param("name", "李工", ""))
                .andExpect(redirectedUrl("/accreditation/tenders/t-1?done=appointed"));
        verify(gateway).post(eq("/api/accreditation/tenders/t-1/panel"),
                eq(Map.of("members", List.of(Map.of("reviewerId", "expert-li", "name", "李工")))), any());
    }

    @Test
    void theRankingShowsEachSheetAndTheNoticeIsPublishedFromIt() throws Exception {
        aPublishedTender();
        when(gateway.get("/api/accreditation/tenders/t-1/ranking")).thenReturn(answer(Map.of("scale", 100, "passingScore", 60,
                "complete", true, "missing", List.of(), "reviewers", List.of("吴高工", "周教授", "郑研究员"), "entries", List.of(
                        Map.of("rank", 1, "applicationId", "a-1", "institutionName", "应城市职业教育中心", "averageScore", 86.5,
                                "sheetCount", 3, "eligible", true, "composition", List.of(Map.of("criterionName", "师资力量",
                                        "weightBp", 6000, "averageScore", 85)),
                                "sheets", List.of(Map.of("reviewerName", "吴高工", "weightedScore", 86.2, "inspection", "PASSED")))))));
        String page = mvc.perform(get("/accreditation/tenders/t-1/ranking").with(oidcLogin().oidcUser(officer())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("ranking-complete", "86.5", "吴高工 86.2（考察通过）", "notice-form", "value=\"1\"", "师资力量 85×60.00%");
        when(gateway.post(eq("/api/accreditation/tenders/t-1/notice"), any(), any())).thenReturn(answer(Map.of("id", "n-1")));
        mvc.perform(post("/accreditation/tenders/t-1/notice").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .header("HX-Request", "true").param("basesToAccredit", "1").param("days", "7").param("idempotencyKey", "notice-12345678"))
                .andExpect(header().string("HX-Redirect", "/accreditation/notices/n-1?done=noticed"));
        verify(gateway).post(eq("/api/accreditation/tenders/t-1/notice"), eq(Map.of("basesToAccredit", 1, "days", 7)), any());

        doThrow(new ApiException(422, "urn:sunshine:problem:ranking-incomplete", "The ranking is not complete", Map.of()))
                .when(gateway).post(eq("/api/accreditation/tenders/t-1/notice"), any(), any());
        String refused = mvc.perform(post("/accreditation/tenders/t-1/notice").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .header("HX-Request", "true").param("basesToAccredit", "1"))
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("notice-feedback", "评分尚未齐全，暂不能发布公示。");
    }

    @Test
    void anObjectionIsDecidedWithTheNoticesETagAndFinalisationWaitsForThePeriod() throws Exception {
        when(gateway.get("/api/accreditation/notices/n-1")).thenReturn(answer(notice(true, false), "\"4\""));
        String page = mvc.perform(get("/accreditation/notices/n-1").with(oidcLogin().oidcUser(officer())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("data-objection-id=\"o-1\"", "data-decided=\"false\"", "13971234567", "该校实训车间为租用",
                "decide-o-1", "1 件待处理", "¥1,260.00", "2026年4月1日 – 2026年4月7日", "公示期至 2026年4月7日");
        assertThat(page.replaceAll("\\s+", " ")).contains("id=\"finalise\" disabled");
        when(gateway.post(eq("/api/accreditation/notices/n-1/objections/o-1/decision"), any(), any())).thenReturn(answer(Map.of()));
        mvc.perform(post("/accreditation/notices/n-1/objections/o-1/decision").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .header("HX-Request", "true").param("etag", "\"4\"").param("outcome", "UPHELD").param("reasons", "实训车间确为租用")
                        .param("consequenceType", "REMOVE_MAJORS").param("consequenceApplication", "a-1").param("majorCodes", "WELDING"))
                .andExpect(header().string("HX-Redirect", "/accreditation/notices/n-1?done=decided"));
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.captor();
        verify(gateway).post(eq("/api/accreditation/notices/n-1/objections/o-1/decision"), eq(Map.of("outcome", "UPHELD",
                "reasons", "实训车间确为租用", "consequence", Map.of("type", "REMOVE_MAJORS", "applicationId", "a-1",
                        "majorCodes", List.of("WELDING")))), headers.capture());
        assertThat(sent(headers).getIfMatch()).containsExactly("\"4\"");

        doThrow(new ApiException(400, "urn:sunshine:problem:validation", "invalid", Map.of("reasons", "must not be blank")))
                .when(gateway).post(eq("/api/accreditation/notices/n-1/objections/o-1/decision"), any(), any());
        String refused = mvc.perform(post("/accreditation/notices/n-1/objections/o-1/decision").with(oidcLogin().oidcUser(officer()))
                        .with(csrf()).header("HX-Request", "true").param("etag", "\"4\"").param("outcome", "DISMISSED"))
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("decision-feedback", "id=\"reasons-o-1-error\"", "must not be blank");

        when(gateway.get("/api/accreditation/notices/n-1")).thenReturn(answer(notice(false, true), "\"5\""));
        String over = mvc.perform(get("/accreditation/notices/n-1").with(oidcLogin().oidcUser(officer())))
                .andReturn().getResponse().getContentAsString();
        assertThat(over).contains("data-decided=\"true\"", "异议不成立", "经核查，租期五年").doesNotContain("decide-o-1", "id=\"finalise\" disabled");
        when(gateway.post(eq("/api/accreditation/notices/n-1/finalisation"), any(), any())).thenReturn(answer(Map.of()));
        mvc.perform(post("/accreditation/notices/n-1/finalisation").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .header("HX-Request", "true").param("etag", "\"5\""))
                .andExpect(header().string("HX-Redirect", "/accreditation/notices/n-1?done=finalised"));
        verify(gateway).post(eq("/api/accreditation/notices/n-1/finalisation"), any(), any());
    }

    static Map<String, Object> agreement() {
        return Map.of("id", "ag-1", "baseId", "b-1", "baseName", "应城市职业教育中心", "divisionCode", "420981", "year", 2026,
                "versions", List.of(Map.of("number", 1, "status", "PROPOSED", "subsidyPaymentMode", "REDUCED_FEE",
                        "committedPlacementRateBp", 9000, "countySignature", Map.of("by", "county-officer-yingcheng", "at", "2026-04-10T02:00:00Z"),
                        "majors", List.of(Map.of("majorCode", "WELDING", "majorName", "电焊", "quota", 300, "feeFen", 60000)))));
    }

    @Test
    void agreementsAreListedProposedInFenAndAmendedWithTheETag() throws Exception {
        when(gateway.get("/api/accreditation/agreements?size=20&page=0")).thenReturn(answer(Map.of("total", 1, "items", List.of(agreement()))));
        String list = mvc.perform(get("/accreditation/agreements").with(oidcLogin().oidcUser(officer())))
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains("data-agreement-id=\"ag-1\"", "第1版 · 待基地签署", "new-agreement");

        when(gateway.get("/api/accreditation/bases?status=ACCREDITED&size=200")).thenReturn(answer(Map.of("items", List.of(Map.of(
                "id", "b-1", "name", "应城市职业教育中心", "majors", List.of(Map.of("majorCode", "WELDING", "feeStandardFen", 126000)))))));
        String form = mvc.perform(get("/accreditation/agreements/new?baseId=b-1").with(oidcLogin().oidcUser(officer())))
                .andReturn().getResponse().getContentAsString();
        assertThat(form).contains("value=\"WELDING\"", "value=\"1260\"", "agreement-form");
        assertThat(form.split("id=\"terms-majors\"", -1)).as("the terms table is on the page once (ids are unique)").hasSize(2);
        when(gateway.post(eq("/api/accreditation/agreements"), any(), any())).thenReturn(answer(Map.of("id", "ag-1")));
        mvc.perform(post("/accreditation/agreements").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .param("idempotencyKey", "agree-12345678").param("baseId", "b-1").param("year", "2026")
                        .param("majorCode", "WELDING", "").param("quota", "300", "").param("feeYuan", "600.50", "")
                        .param("subsidyPaymentMode", "REFUND_AFTER").param("committedPlacementRate", "90"))
                .andExpect(redirectedUrl("/accreditation/agreements/ag-1?done=proposed"));
        verify(gateway).post(eq("/api/accreditation/agreements"), eq(Map.of("baseId", "b-1", "year", 2026, "majors",
                List.of(Map.of("majorCode", "WELDING", "quota", 300, "feeFen", 60050L)), "subsidyPaymentMode", "REFUND_AFTER",
                "committedPlacementRateBp", 9000)), any());

        when(gateway.get("/api/accreditation/agreements/ag-1")).thenReturn(answer(agreement(), "\"3\""));
        String page = mvc.perform(get("/accreditation/agreements/ag-1").with(oidcLogin().oidcUser(officer())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("amend-form", "¥600.00", "90.00%", "value=\"600\"", "以降代补").doesNotContain("sign-form");
        doThrow(new ApiException(422, "urn:sunshine:problem:agreement-exceeds-allocation", "exceeds", Map.of()))
                .when(gateway).post(eq("/api/accreditation/agreements/ag-1/amendments"), any(), any());
        String refused = mvc.perform(post("/accreditation/agreements/ag-1/amendments").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .header("HX-Request", "true").param("etag", "\"3\"").param("majorCode", "WELDING").param("quota", "900")
                        .param("feeYuan", "600").param("subsidyPaymentMode", "REDUCED_FEE").param("committedPlacementRate", "90")
                        .param("reason", "增加任务"))
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("amend-feedback", "培训任务超过了分配给该基地该专业的任务数。", "value=\"900\"");
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.captor();
        verify(gateway).post(eq("/api/accreditation/agreements/ag-1/amendments"), eq(Map.of("majors",
                List.of(Map.of("majorCode", "WELDING", "quota", 900, "feeFen", 60000L)), "subsidyPaymentMode", "REDUCED_FEE",
                "committedPlacementRateBp", 9000, "reason", "增加任务")), headers.capture());
        assertThat(sent(headers).getIfMatch()).containsExactly("\"3\"");
    }

    @Test
    void aBasesStaffSignsTheProposedVersion() throws Exception {
        OidcUser staff = user("base-staff-1", "BASE_STAFF", "420981");
        when(gateway.get("/api/accreditation/agreements/ag-1")).thenReturn(answer(agreement(), "\"3\""));
        String page = mvc.perform(get("/accreditation/agreements/ag-1").with(oidcLogin().oidcUser(staff)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("sign-form").doesNotContain("amend-form");
        when(gateway.post(eq("/api/accreditation/agreements/ag-1/signature"), any(), any())).thenReturn(answer(Map.of()));
        mvc.perform(post("/accreditation/agreements/ag-1/signature").with(oidcLogin().oidcUser(staff)).with(csrf())
                        .param("etag", "\"3\"").param("signatoryName", "李校长").param("signatoryTitle", "校长"))
                .andExpect(redirectedUrl("/accreditation/agreements/ag-1?done=signed"));
        verify(gateway).post(eq("/api/accreditation/agreements/ag-1/signature"),
                eq(Map.of("signatoryName", "李校长", "signatoryTitle", "校长")), any());
        mvc.perform(post("/accreditation/agreements/ag-1/amendments").with(oidcLogin().oidcUser(staff)).with(csrf()))
                .andExpect(status().isNotFound());
        verify(gateway, never()).post(eq("/api/accreditation/agreements/ag-1/amendments"), any(), any());
        verify(gateway, never()).getEach(anyList());
    }
}
