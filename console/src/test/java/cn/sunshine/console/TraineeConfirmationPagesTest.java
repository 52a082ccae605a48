package cn.sunshine.console;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The trainee's confirmation page (/public/confirm, no sign-in: phone or ID tail and the code, then the answers) and,
 * on the officer's claim page, each line's confirmation and the count flagged.
 */
class TraineeConfirmationPagesTest extends GatewayPageTest {

    static final String LOOKUP = "/api/public/enrollment/confirmations/lookup";
    static final String ANSWERS = "/api/public/enrollment/confirmations/answers";

    static Map<String, Object> confirmation(Map<String, Object> answers) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("confirmationId", "e-1");
        c.put("status", answers == null ? "REQUESTED" : "DENIED");
        c.put("traineeName", "张*");
        c.put("baseName", "应城市阳光职业培训学校");
        c.put("majorName", "电焊");
        c.put("plannedStart", "2026-07-06");
        c.put("plannedEnd", "2026-08-14");
        c.put("trainingForm", "REDUCED_FEE");
        c.put("feeFen", 90000);
        c.put("subsidyFen", 20000);
        c.put("answers", answers);
        return c;
    }

    @Test
    void aTraineeOpensWithPhoneAndCodeAndDeniesAttending() throws Exception {
        String form = mvc.perform(get("/public/confirm")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(form).contains("学员确认", "手机号", "身份证号后6位", "确认码", "action=\"/public/confirm\"");

        when(gateway.postPublic(eq(LOOKUP), any(), any())).thenReturn(new Gateway.Answer(200, null, confirmation(null)));
        String opened = mvc.perform(post("/public/confirm").with(csrf()).param("phone", "13871234567").param("code", "123456"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(opened).contains("张*，培训基地为您申报了以下培训", "应城市阳光职业培训学校", "电焊", "2026-07-06 至 2026-08-14",
                "减免收费（先收后补）", "¥900.00", "¥200.00", "您是否参加了这期培训？", "name=\"code\" value=\"123456\"",
                "name=\"phone\" value=\"13871234567\"");

        Map<String, Object> denied = new HashMap<>(Map.of("attended", false, "completed", true, "subsidyReceived", "NO",
                "denied", List.of("ATTENDED", "SUBSIDY_RECEIVED"), "answeredAt", "2026-08-17T01:30:00Z"));
        when(gateway.postPublic(eq(ANSWERS), any(), any())).thenReturn(new Gateway.Answer(200, null, confirmation(denied)));
        String answered = mvc.perform(post("/public/confirm/answers").with(csrf()).param("phone", "13871234567")
                        .param("code", "123456").param("attended", "false").param("completed", "true")
                        .param("subsidyReceived", "NO").param("employer", ""))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(answered).contains("已收到您的答复", "data-status=\"DENIED\"", "不能再修改");
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Object>> body = ArgumentCaptor.forClass(Map.class);
        verify(gateway).postPublic(eq(ANSWERS), body.capture(), any());
        assertThat(body.getValue()).containsEntry("phone", "13871234567").containsEntry("code", "123456")
                .containsEntry("attended", false).containsEntry("completed", true).containsEntry("subsidyReceived", "NO")
                .doesNotContainKey("employer").doesNotContainKey("idNumberTail");
    }

    @Test
    void aWrongCodeIsSaidInChineseAndTheFormStays() throws Exception {
        when(gateway.postPublic(eq(LOOKUP), any(), any())).thenThrow(new ApiException(422,
                "urn:sunshine:problem:confirmation-code-wrong", "no confirmation awaits", Map.of("code", "does not match")));
        String html = mvc.perform(post("/public/confirm").with(csrf()).param("idNumberTail", "12345x").param("code", "000000"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("与确认码不符", "id=\"confirm-open\"", "value=\"12345X\"");
    }

    @Test
    void theOfficersClaimPageFlagsTheLinesNotConfirmed() throws Exception {
        Map<String, Object> claim = new HashMap<>(ConsoleWebTest.claim("SUBMITTED", "VERIFICATION"));
        claim.put("confirmations", List.of(Map.of("enrollmentId", "e1", "status", "DENIED", "denied", List.of("ATTENDED"),
                "answeredAt", "2026-08-17T01:30:00Z")));
        claim.put("flaggedLines", 1);
        claim.put("classId", "k-1");
        when(gateway.get("/api/subsidy/claims/c-1")).thenReturn(PageTestSupport.answer(claim, "\"3\""));
        String html = html("/claims/c-1", ConsoleWebTest.officer());
        assertThat(html).contains("学员确认", "学员否认", "否认参加培训", "1 名学员未确认或否认（共 1 名）", "data-confirmation=\"DENIED\"",
                "data-flagged=\"1\"", "向未确认的学员发送确认码", "name=\"classId\" value=\"k-1\"");

        // the officer asks the class's trainees again from the claim
        when(gateway.post(eq("/api/enrollment/classes/k-1/confirmation-requests"), any(), any()))
                .thenReturn(PageTestSupport.answer(Map.of("sent", 1, "asked", 1, "answered", 0), null));
        mvc.perform(post("/claims/c-1/confirmation-requests").with(oidcLogin().oidcUser(ConsoleWebTest.officer()))
                        .with(csrf()).param("classId", "k-1"))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(
                        "/claims/c-1?confirmationsSent=1#confirmation-flags"));
        String after = mvc.perform(get("/claims/c-1?confirmationsSent=1").with(oidcLogin().oidcUser(ConsoleWebTest.officer())))
                .andReturn().getResponse().getContentAsString();
        assertThat(after).contains("已向 1 名学员发送确认码短信");
    }
}
