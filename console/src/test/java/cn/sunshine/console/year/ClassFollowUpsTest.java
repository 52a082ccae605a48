package cn.sunshine.console.year;

import cn.sunshine.console.GatewayPageTest;
import cn.sunshine.console.api.ApiException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.List;
import java.util.Map;

import static cn.sunshine.console.PageTestSupport.answer;
import static cn.sunshine.console.year.YearWorkPagesTest.klass;
import static cn.sunshine.console.year.YearWorkPagesTest.officer;
import static cn.sunshine.console.year.YearWorkPagesTest.staff;
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
 * Base staff's follow-up sheet of a class: the round with follow-ups due shown first, a row a trainee in work; the
 * ticked rows sent in one request (wages in fen, the problem as a list); a refused row named on its row with what was
 * typed kept; only base staff have the sheet.
 */
class ClassFollowUpsTest extends GatewayPageTest {

    static final String LIST = "/api/placement/placements?classId=k-1&status=CURRENT&size=500&page=0";
    static final String API = "/api/placement/classes/k-1/follow-ups/2";

    static Map<String, Object> placement(String id, String name, String secondStatus) {
        return Map.of("id", id, "traineeName", name, "maskedIdNumber", "420981********123X", "status", "CURRENT",
                "employer", Map.of("name", "应城市双环机械制造有限公司"), "followUps", List.of(
                        Map.of("number", 1, "dueOn", "2026-07-15", "status", "DONE",
                                "contact", Map.of("contactedOn", "2026-07-16")),
                        Map.of("number", 2, "dueOn", "2026-08-15", "status", secondStatus)));
    }

    @BeforeEach
    void aClassWithTwoTraineesInWork() {
        when(gateway.get("/api/enrollment/classes/k-1")).thenReturn(answer(klass("OPENED")));
        when(gateway.get(LIST)).thenReturn(answer(Map.of("items", List.of(placement("p-1", "张伟", "DUE"),
                placement("p-2", "李娜", "DONE")), "total", 2)));
    }

    @Test
    void theRoundStillDueIsShownAndOnlyItsOpenRowsTakeACall() throws Exception {
        String html = html("/classes/k-1/follow-ups", staff());
        assertThat(html).contains("跟踪服务台账", "id=\"round-2\"", "aria-current=\"page\"", "张伟", "李娜",
                "id=\"record-p-1\"", "/classes/k-1/follow-ups/2", "2026年8月15日").doesNotContain("id=\"record-p-2\"");
        assertThat(html.substring(html.indexOf("id=\"round-2\"") - 80, html.indexOf("id=\"round-2\""))).contains("active");
        // The first round, all recorded: nothing to submit.
        String first = html("/classes/k-1/follow-ups?round=1", staff());
        assertThat(first).contains("本次回访均已记录或已取消").doesNotContain("id=\"submit-sheet\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTickedRowsGoInOneRequestAndTheCountsAreShown() throws Exception {
        when(gateway.post(eq(API), any(), any())).thenReturn(answer(Map.of("recorded", 1, "alreadyDone", 0,
                "escalationCaseIds", List.of("p-1-f2"))));
        mvc.perform(post("/classes/k-1/follow-ups/2").with(oidcLogin().oidcUser(staff())).with(csrf())
                        .header("HX-Request", "true").param("placementId", "p-1").param("record-p-1", "true")
                        .param("contactedOn-p-1", "2026-08-16").param("reached-p-1", "true").param("stillEmployed-p-1", "true")
                        .param("wageYuan-p-1", "4,800").param("satisfaction-p-1", "3").param("problem-p-1", "UNPAID_WAGES")
                        .param("unpaidYuan-p-1", "2600").param("note-p-1", "七月工资未发"))
                .andExpect(header().string("HX-Redirect", "/classes/k-1/follow-ups?round=2&done=1&already=0&cases=1"));
        ArgumentCaptor<Object> body = ArgumentCaptor.forClass(Object.class);
        verify(gateway).post(eq(API), body.capture(), any());
        List<Map<String, Object>> contacts = (List<Map<String, Object>>) ((Map<String, Object>) body.getValue()).get("contacts");
        assertThat(contacts).hasSize(1);
        assertThat(contacts.get(0)).containsEntry("placementId", "p-1").containsEntry("contactedOn", "2026-08-16")
                .containsEntry("reached", true).containsEntry("stillEmployed", true).containsEntry("monthlyWageFen", 480000L)
                .containsEntry("satisfaction", 3).containsEntry("problems", List.of("UNPAID_WAGES"))
                .containsEntry("unpaidWagesFen", 260000L).containsEntry("note", "七月工资未发");

        String done = mvc.perform(get("/classes/k-1/follow-ups?round=2&done=1&already=0&cases=1").with(oidcLogin().oidcUser(staff())))
                .andReturn().getResponse().getContentAsString();
        assertThat(done).contains("已记录 1 名学员的回访（此前已记录 0 名），转为维权案件 1 件。");
    }

    @Test
    void aRefusedRowIsNamedOnItsRowAndWhatWasTypedIsKept() throws Exception {
        when(gateway.post(eq(API), any(), any())).thenThrow(new ApiException(422, "urn:sunshine:problem:batch-rejected",
                "1 problem(s) found; nothing was changed", Map.of(), List.of(Map.of("row", 1, "placementId", "p-1",
                "field", "contactedOn", "message", "must not be before the follow-up is due"))));
        String html = mvc.perform(post("/classes/k-1/follow-ups/2").with(oidcLogin().oidcUser(staff())).with(csrf())
                        .header("HX-Request", "true").param("placementId", "p-1").param("record-p-1", "true")
                        .param("contactedOn-p-1", "2026-08-01").param("reached-p-1", "false"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"batch-feedback\"", "id=\"error-p-1\"", "contactedOn: must not be before the follow-up is due",
                "value=\"2026-08-01\"", "<option value=\"false\" selected=\"selected\">").doesNotContain("<html");
    }

    @Test
    void nothingTickedSendsNothingAndOnlyBaseStaffHaveTheSheet() throws Exception {
        mvc.perform(post("/classes/k-1/follow-ups/2").with(oidcLogin().oidcUser(staff())).with(csrf())
                .param("placementId", "p-1")).andExpect(status().isUnprocessableContent());
        mvc.perform(post("/classes/k-1/follow-ups/second").with(oidcLogin().oidcUser(staff())).with(csrf())
                .param("placementId", "p-1").param("record-p-1", "true")).andExpect(status().isBadRequest());
        verify(gateway, never()).post(anyString(), any(), any());
        mvc.perform(get("/classes/k-1/follow-ups").with(oidcLogin().oidcUser(officer()))).andExpect(status().isNotFound());
    }
}
