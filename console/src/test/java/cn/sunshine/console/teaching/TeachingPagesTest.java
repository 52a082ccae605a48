package cn.sunshine.console.teaching;

import cn.sunshine.console.GatewayPageTest;
import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Teaching records and attendance (三有) and other programmes' lists in the console, the gateway played by a mock:
 * base staff set the plan (If-Match) and record a lesson with every trainee in training on the roll (出勤 by default,
 * 请假 where chosen; a refused lesson's problem in the page, the form kept); the attendance table marks whoever is
 * below the minimum; the county officer records an unannounced visit and sees the base's marks it contradicts, which
 * base staff never see; the officer imports another programme's list and a refused file's rows are listed.
 */
class TeachingPagesTest extends GatewayPageTest {

    static OidcUser staff() {
        return user("base-staff-b1", "BASE_STAFF", "420981", "b-1");
    }

    static OidcUser officer() {
        return user("county-officer-yingcheng", "COUNTY_OFFICER", "420981");
    }

    static Gateway.Answer page(Map<?, ?>... items) {
        return cn.sunshine.console.PageTestSupport.page(items);
    }

    @BeforeEach
    void anOpenedClassWithTwoTraineesInTrainingAndOneWithdrawn() {
        when(gateway.get("/api/enrollment/classes/k-1")).thenReturn(answer(Map.of("id", "k-1", "version", 4,
                "status", "OPENED", "baseName", "应城市职业教育中心", "majorName", "电焊", "plannedStart", "2026-04-15",
                "plannedEnd", "2026-05-30")));
        when(gateway.get("/api/enrollment/classes/k-1/teaching-plan")).thenThrow(
                new ApiException(404, "urn:sunshine:problem:not-found", "no plan", Map.of()));
        when(gateway.get("/api/enrollment/classes/k-1/lessons?size=500&page=0")).thenReturn(page(
                Map.of("id", "l-1", "date", "2026-04-16", "teacher", "王建国", "topic", "焊接安全与识图", "kind", "THEORY",
                        "hours", 4, "present", 1, "absent", 1, "excused", 0)));
        when(gateway.get("/api/enrollment/classes/k-1/attendance")).thenReturn(answer(Map.of("classId", "k-1",
                "lessons", 1, "hoursHeld", 4, "minimumAttendanceBp", 8000, "trainees", List.of(
                        Map.of("enrollmentId", "e-1", "name", "李明", "status", "ENROLLED", "hoursHeld", 4,
                                "hoursAttended", 4, "shareBp", 10000, "meetsMinimum", true),
                        Map.of("enrollmentId", "e-2", "name", "王芳", "status", "ENROLLED", "hoursHeld", 4,
                                "hoursAttended", 0, "shareBp", 0, "meetsMinimum", false)))));
        when(gateway.get("/api/enrollment/classes/k-1/enrollments?size=500")).thenReturn(answer(Map.of("items", List.of(
                Map.of("id", "e-1", "status", "ENROLLED", "rosterCheck", "VERIFIED", "trainee", Map.of("name", "李明")),
                Map.of("id", "e-2", "status", "ENROLLED", "rosterCheck", "VERIFIED", "trainee", Map.of("name", "王芳")),
                Map.of("id", "e-3", "status", "WITHDRAWN", "rosterCheck", "VERIFIED", "trainee", Map.of("name", "赵强"))),
                "total", 3)));
        when(gateway.get("/api/enrollment/classes/k-1/visits?size=500&page=0")).thenReturn(page(Map.of("id", "v-1",
                "visitedAt", "2026-04-16T02:10:00Z", "officer", "county-officer-yingcheng", "notes", "上午理论课抽查",
                "present", List.of(Map.of("enrollmentId", "e-1", "name", "李明")),
                "absent", List.of(Map.of("enrollmentId", "e-2", "name", "王芳")),
                "flagged", List.of(Map.of("enrollmentId", "e-2", "name", "王芳", "lessonId", "l-1",
                        "lessonDate", "2026-04-16")))));
    }

    @Test
    void baseStaffSeeThePlanLessonsAndAttendanceButNotTheCountysVisits() throws Exception {
        String html = html("/classes/k-1/teaching", staff());
        assertThat(html).contains("尚未制定教学计划", "焊接安全与识图", "点名：在训学员 2 人", "李明", "王芳", "未达标",
                "结业须出勤不少于应到学时的 80.00%").doesNotContain("赵强", "不定期抽查", "上午理论课抽查");
        verify(gateway, never()).get("/api/enrollment/classes/k-1/visits?size=500&page=0");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTraineeLeftUnmarkedOnTheRollIsSentAsAbsentNotAnError() throws Exception {
        when(gateway.post(eq("/api/enrollment/classes/k-1/lessons"), any(), any())).thenReturn(answer(Map.of("id", "l-3")));
        mvc.perform(post("/classes/k-1/lessons").with(oidcLogin().oidcUser(staff())).with(csrf())
                        .param("lessonKey", "lesson-key-2").param("date", "2026-04-18").param("teacher", "王建国")
                        .param("topic", "立焊").param("hours", "4").param("enrollmentId", "e-1", "e-2")
                        .param("presence-e-1", "PRESENT"))
                .andExpect(redirectedUrl("/classes/k-1/teaching?lesson=1#lessons"));
        ArgumentCaptor<Object> body = ArgumentCaptor.forClass(Object.class);
        verify(gateway).post(eq("/api/enrollment/classes/k-1/lessons"), body.capture(), any());
        assertThat((Map<String, Object>) body.getValue()).containsEntry("attendance", List.of(
                Map.of("enrollmentId", "e-1", "presence", "PRESENT"), Map.of("enrollmentId", "e-2", "presence", "ABSENT")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLessonGoesWithEveryTraineeOnTheRollAndItsKey() throws Exception {
        when(gateway.post(eq("/api/enrollment/classes/k-1/lessons"), any(), any())).thenReturn(answer(Map.of("id", "l-2")));
        mvc.perform(post("/classes/k-1/lessons").with(oidcLogin().oidcUser(staff())).with(csrf())
                        .param("lessonKey", "lesson-key-1").param("date", "2026-04-17").param("teacher", "王建国")
                        .param("topic", "平焊基本操作").param("kind", "PRACTICE").param("hours", "4")
                        .param("enrollmentId", "e-1", "e-2").param("presence-e-1", "PRESENT").param("presence-e-2", "EXCUSED"))
                .andExpect(redirectedUrl("/classes/k-1/teaching?lesson=1#lessons"));
        ArgumentCaptor<Object> body = ArgumentCaptor.forClass(Object.class);
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.forClass(Consumer.class);
        verify(gateway).post(eq("/api/enrollment/classes/k-1/lessons"), body.capture(), headers.capture());
        assertThat((Map<String, Object>) body.getValue()).containsEntry("date", "2026-04-17").containsEntry("hours", 4)
                .containsEntry("kind", "PRACTICE").containsEntry("attendance", List.of(
                        Map.of("enrollmentId", "e-1", "presence", "PRESENT"), Map.of("enrollmentId", "e-2", "presence", "EXCUSED")));
        HttpHeaders sent = new HttpHeaders();
        headers.getValue().accept(sent);
        assertThat(sent.getFirst("Idempotency-Key")).isEqualTo("lesson-key-1");
    }

    @Test
    void aRefusedLessonIsSaidInThePageAndTheFormKept() throws Exception {
        when(gateway.post(eq("/api/enrollment/classes/k-1/lessons"), any(), any())).thenThrow(new ApiException(400,
                "urn:sunshine:problem:validation", "date：课程须在培训期内、且不晚于今天",
                Map.of("date", "课程须在培训期内、且不晚于今天")));
        String html = mvc.perform(post("/classes/k-1/lessons").with(oidcLogin().oidcUser(staff())).with(csrf())
                        .param("lessonKey", "k").param("date", "2026-06-30").param("teacher", "王建国").param("topic", "补课")
                        .param("kind", "THEORY").param("hours", "2").param("enrollmentId", "e-1", "e-2")
                        .param("presence-e-1", "PRESENT").param("presence-e-2", "ABSENT"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("课程须在培训期内、且不晚于今天", "value=\"补课\"", "value=\"2026-06-30\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePlanIsSentWithItsVersionAndBlankRowsLeftOut() throws Exception {
        when(gateway.put(eq("/api/enrollment/classes/k-1/teaching-plan"), any(), any())).thenReturn(answer(Map.of()));
        mvc.perform(post("/classes/k-1/teaching-plan").with(oidcLogin().oidcUser(staff())).with(csrf()).param("version", "2")
                        .param("moduleName", "焊接安全与识图", "手工电弧焊实操", "").param("moduleKind", "THEORY", "PRACTICE", "THEORY")
                        .param("moduleHours", "24", "96", ""))
                .andExpect(redirectedUrl("/classes/k-1/teaching?plan=1#plan"));
        ArgumentCaptor<Object> body = ArgumentCaptor.forClass(Object.class);
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.forClass(Consumer.class);
        verify(gateway).put(eq("/api/enrollment/classes/k-1/teaching-plan"), body.capture(), headers.capture());
        assertThat((Map<String, Object>) body.getValue()).containsEntry("modules", List.of(
                Map.of("name", "焊接安全与识图", "kind", "THEORY", "hours", 24),
                Map.of("name", "手工电弧焊实操", "kind", "PRACTICE", "hours", 96)));
        HttpHeaders sent = new HttpHeaders();
        headers.getValue().accept(sent);
        assertThat(sent.getIfMatch()).containsExactly("\"2\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCountyOfficerRecordsAVisitAndSeesWhomTheBaseMarkedPresentWhoWasNotThere() throws Exception {
        String html = html("/classes/k-1/teaching", officer());
        assertThat(html).contains("不定期抽查", "上午理论课抽查", "基地记为出勤、抽查时却不在场", "在场 1 人，不在场 1 人")
                .doesNotContain("记录一次授课及考勤");
        when(gateway.post(eq("/api/enrollment/classes/k-1/visits"), any(), any())).thenReturn(answer(Map.of("id", "v-2")));
        mvc.perform(post("/classes/k-1/visits").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .param("visitKey", "visit-1").param("present", "e-1").param("notes", "下午实操课"))
                .andExpect(redirectedUrl("/classes/k-1/teaching?visit=1#visits"));
        ArgumentCaptor<Object> body = ArgumentCaptor.forClass(Object.class);
        verify(gateway).post(eq("/api/enrollment/classes/k-1/visits"), body.capture(), any());
        assertThat((Map<String, Object>) body.getValue()).containsEntry("present", List.of("e-1")).containsEntry("notes", "下午实操课");
        // Base staff may not record one.
        mvc.perform(post("/classes/k-1/visits").with(oidcLogin().oidcUser(staff())).with(csrf())
                .param("visitKey", "visit-2").param("present", "e-1")).andExpect(status().isNotFound());
    }

    @Test
    void anotherProgrammesListWithBadRowsIsRefusedRowByRowAndAGoodOneImported() throws Exception {
        when(gateway.get(anyString())).thenAnswer(i -> {
            String path = i.getArgument(0);
            return path.startsWith("/api/enrollment/funding-lists?") ? answer(Map.of("items", List.of(Map.of("id", "f-1",
                    "programmes", List.of("雨露计划"), "people", 120, "importedAt", "2026-03-20T02:00:00Z",
                    "importedBy", "county-officer-yingcheng")), "total", 1))
                    : answer(Map.of("items", List.of(Map.ofEntries(Map.entry("enrollmentId", "e-9"), Map.entry("classId", "k-1"),
                    Map.entry("baseName", "应城市职业教育中心"), Map.entry("name", "周建国"),
                    Map.entry("maskedIdNumber", "420981********1234"), Map.entry("classStart", "2026-04-15"),
                    Map.entry("classEnd", "2026-05-30"), Map.entry("programme", "雨露计划"), Map.entry("periodStart", "2026-04-01"),
                    Map.entry("periodEnd", "2026-04-30"), Map.entry("enrolledBeforeImport", true))), "total", 1));
        });
        String page = html("/funding?year=2026", officer());
        assertThat(page).contains("雨露计划", "周建国 420981********1234", "导入名单");

        when(gateway.postBytes(eq("/api/enrollment/funding-lists?year=2026"), any(), any(), any())).thenThrow(new ApiException(422,
                "urn:sunshine:problem:funding-list-rejected", "1 problem(s) found", Map.of(),
                List.of(Map.of("row", 3, "field", "idNumber", "message", "身份证号校验位不正确"))));
        String refused = mvc.perform(multipart("/funding").file(new MockMultipartFile("file", "雨露计划.csv", "text/csv",
                        "项目名称,姓名,身份证号,培训开始,培训结束\n".getBytes())).param("year", "2026").param("fundingKey", "f-key")
                        .with(oidcLogin().oidcUser(officer())).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("身份证号校验位不正确", "data-row=\"3\"");
        String wrongType = mvc.perform(multipart("/funding").file(new MockMultipartFile("file", "名单.pdf",
                        MediaType.APPLICATION_PDF_VALUE, new byte[] {1})).param("year", "2026").param("fundingKey", "f-key")
                        .with(oidcLogin().oidcUser(officer())).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        assertThat(wrongType).contains("只接受 CSV 或 Excel（.xlsx）文件");
    }
}
