package cn.sunshine.console.inspection;

import cn.sunshine.console.GatewayPageTest;
import cn.sunshine.console.api.ApiException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static cn.sunshine.console.PageTestSupport.fields;
import static cn.sunshine.console.PageTestSupport.user;
import static cn.sunshine.console.PageTestSupport.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The county officer's inspection pages (检查验收), the gateway played by a mock. */
class InspectionPagesTest extends GatewayPageTest {

    static OidcUser officer() {
        return user("county-officer-yingcheng", "COUNTY_OFFICER", "420981");
    }

    static Map<String, Object> order(String id, String status, String deadline, boolean overdue, int days) {
        return fields("id", id, "baseName", "县劳动就业培训中心", "finding", "向学员收取资料费每人120元", "requirement", "退还学员资料费并公示",
                "deadline", deadline, "status", status, "overdue", overdue, "daysOverdue", days,
                "reports", "REPORTED".equals(status) ? List.of(Map.of("correction", "已全部退还")) : List.of(), "version", 3);
    }

    static Map<String, Object> checklists() {
        return Map.of("current", "2026-1", "versions", List.of(Map.of("version", "2026-1",
                "title", "阳光工程培训基地检查验收评分表（2026年版）", "passingScore", 70, "groups", List.of(
                        Map.of("name", "教学管理", "items", List.of(Map.of("code", "TEACHING_PLAN", "name", "三有",
                                "maxScore", 15, "guidance", "有教学计划、有备课记录、有考核考试情况"))),
                        Map.of("name", "资金管理", "items", List.of(Map.of("code", "FEES", "name", "收费",
                                "maxScore", 15, "guidance", "按公示标准收费，无乱收费")))))));
    }

    /** The page as drawn, kept in target/pages for a look in a browser. */
    static void keep(String name, String html) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "pages");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("inspection-" + name + ".html"), html);
    }

    @Test
    void overdueOrdersAreMarkedAndAReportedOneIsClosedWithItsVersion() throws Exception {
        when(gateway.get("/api/accreditation/rectification-orders?size=20&page=0&overdue=true")).thenReturn(answer(Map.of(
                "total", 2, "items", List.of(order("o-1", "OPEN", "2026-06-17", true, 8),
                        order("o-2", "REPORTED", "2026-06-20", true, 5)))));
        String html = mvc.perform(get("/accreditation/inspection/orders").param("overdue", "true").with(oidcLogin().oidcUser(officer())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        keep("orders", html);
        assertThat(html).contains("整改通知", "逾期 8 天", "逾期 5 天", "data-overdue=\"true\"", "待整改", "已报告整改",
                "已全部退还", "验收销号");
        assertThat(html.indexOf("o-1")).isLessThan(html.indexOf("o-2"));

        mvc.perform(post("/accreditation/inspection/orders/o-2/closure").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .param("etag", "\"3\"").param("note", "核对退款签收表"))
                .andExpect(redirectedUrl("/accreditation/inspection/orders?done=closed"));
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.captor();
        verify(gateway).post(eq("/api/accreditation/rectification-orders/o-2/closure"), eq(Map.of("note", "核对退款签收表")),
                headers.capture());
        HttpHeaders sent = new HttpHeaders();
        headers.getValue().accept(sent);
        assertThat(sent.getIfMatch()).containsExactly("\"3\"");

        when(gateway.get("/api/accreditation/rectification-orders?size=20&page=0")).thenReturn(answer(Map.of(
                "total", 0, "items", List.of())));
        doThrow(new ApiException(412, "urn:sunshine:problem:stale-version", "stale", Map.of()))
                .when(gateway).post(eq("/api/accreditation/rectification-orders/o-1/closure"), any(), any());
        String stale = mvc.perform(post("/accreditation/inspection/orders/o-1/closure").with(oidcLogin().oidcUser(officer())).with(csrf())
                .param("etag", "\"1\"")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(stale).contains("id=\"close-feedback\"");
    }

    @Test
    void theVisitFormScoresEveryItemOfTheChecklistAndSendsTheFinding() throws Exception {
        when(gateway.get("/api/accreditation/inspection-checklists")).thenReturn(answer(checklists()));
        when(gateway.get("/api/accreditation/bases?status=ACCREDITED&size=200")).thenReturn(answer(Map.of("items",
                List.of(Map.of("id", "b-1", "name", "县劳动就业培训中心")))));
        String form = html("/accreditation/inspection/visits/new", officer());
        keep("visit", form);
        assertThat(form).contains("阳光工程培训基地检查验收评分表（2026年版）", "70分合格", "教学管理", "三有",
                "有教学计划、有备课记录、有考核考试情况", "县劳动就业培训中心", "不填则为检查之日后10个工作日");

        mvc.perform(post("/accreditation/inspection/visits").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .param("idempotencyKey", "visit-12345678").param("baseId", "b-1").param("kind", "SUPERVISION")
                        .param("visitedOn", "2026-10-09").param("inspectors", "李科长，王股长")
                        .param("itemCode", "TEACHING_PLAN", "FEES").param("score", "15", "6").param("remark", "", "乱收费扣9分")
                        .param("findingItem", "FEES").param("findingDescription", "向学员收取资料费每人120元")
                        .param("requirement", "退还学员资料费并公示").param("deadline", ""))
                .andExpect(redirectedUrl("/accreditation/inspection/orders?done=recorded"));
        ArgumentCaptor<Object> body = ArgumentCaptor.captor();
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.captor();
        verify(gateway).post(eq("/api/accreditation/inspection-visits"), body.capture(), headers.capture());
        @SuppressWarnings("unchecked")
        Map<String, Object> b = (Map<String, Object>) body.getValue();
        assertThat(b).containsEntry("baseId", "b-1").containsEntry("kind", "SUPERVISION")
                .containsEntry("inspectors", List.of("李科长", "王股长"));
        assertThat(b.get("scores").toString()).contains("itemCode=FEES", "score=6", "remark=乱收费扣9分");
        assertThat(b.get("findings").toString()).contains("itemCode=FEES", "requirement=退还学员资料费并公示", "deadline=null");
        HttpHeaders sent = new HttpHeaders();
        headers.getValue().accept(sent);
        assertThat(sent.getFirst("Idempotency-Key")).isEqualTo("visit-12345678");

        String refused = mvc.perform(post("/accreditation/inspection/visits").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .param("idempotencyKey", "visit-87654321").param("baseId", "b-1").param("itemCode", "FEES")
                        .param("score", "十五"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"record-feedback\"", "value=\"visit-87654321\"");
        verify(gateway, times(1)).post(eq("/api/accreditation/inspection-visits"), any(), any());
    }

    @Test
    void onlyOfficersSeeTheInspectionPages() throws Exception {
        mvc.perform(get("/accreditation/inspection/orders").with(oidcLogin().oidcUser(user("auditor", "AUDITOR", "420981"))))
                .andExpect(status().isNotFound());
        when(gateway.get("/api/accreditation/inspection-plans?year=2026&size=20&page=0")).thenReturn(answer(Map.of(
                "total", 1, "items", List.of(Map.of("id", "p-1", "title", "2026年10月阳光工程培训基地督查", "kind", "SUPERVISION",
                        "plannedFrom", "2026-10-08", "plannedTo", "2026-10-16", "baseIds", List.of("b-1", "b-2"),
                        "status", "PUBLISHED")))));
        String plans = mvc.perform(get("/accreditation/inspection/plans").param("year", "2026").with(oidcLogin().oidcUser(officer())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(plans).contains("2026年10月阳光工程培训基地督查", "督查", "已印发", "2026-10-08 — 2026-10-16");
    }
}
