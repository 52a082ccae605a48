package cn.sunshine.console.trainee;

import cn.sunshine.console.GatewayPageTest;
import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static cn.sunshine.console.PageTestSupport.fields;
import static cn.sunshine.console.PageTestSupport.user;
import static cn.sunshine.console.PageTestSupport.sent;
import static cn.sunshine.console.PageTestSupport.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A trainee's acts on their own (withdrawal, dropout, a resit, voiding the voucher); the gateway played by a mock. */
class TraineeActsTest extends GatewayPageTest {

    static Map<String, Object> enrollment(String status, List<Map<String, Object>> assessments) {
        return fields("id", "e-1", "classId", "c-1", "baseName", "应城市职业教育中心", "majorName", "电焊", "year", 2026,
                "status", status, "rosterCheck", "VERIFIED", "subsidyFen", 60000,
                "trainee", Map.of("name", "李明", "idNumber", "420981********123X"), "assessments", assessments);
    }

    @Test
    void baseStaffWithdrawATraineeWithIfMatchAndARefusalStandsBesideTheForm() throws Exception {
        OidcUser staff = user("base-staff-b-1", "BASE_STAFF", "420981", "b-1");
        when(gateway.get("/api/enrollment/enrollments/e-1?purpose=single-trainee-act")).thenReturn(answer(enrollment("ENROLLED", List.of()), "\"4\""));
        String page = html("/classes/c-1/trainees/e-1", staff);
        assertThat(page).contains("李明", "withdrawal-form", "dropout-form", "value=\"&quot;4&quot;\"").doesNotContain("resit-form", "voiding-form");
        verify(gateway, never()).get("/api/subsidy/classes/c-1/vouchers");

        when(gateway.post(eq("/api/enrollment/enrollments/e-1/withdrawal"), any(), any())).thenReturn(answer(Map.of(), null));
        mvc.perform(post("/classes/c-1/trainees/e-1/withdrawal").with(oidcLogin().oidcUser(staff)).with(csrf())
                        .header("HX-Request", "true").param("etag", "\"4\"").param("withdrawalReason", "外出务工"))
                .andExpect(header().string("HX-Redirect", "/classes/c-1/trainees/e-1?done=withdrawal"));
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.captor();
        verify(gateway).post(eq("/api/enrollment/enrollments/e-1/withdrawal"), eq(Map.of("reason", "外出务工")), headers.capture());
        assertThat(sent(headers).getIfMatch()).containsExactly("\"4\"");

        doThrow(new ApiException(412, "urn:sunshine:problem:stale-version", "stale", Map.of()))
                .when(gateway).post(eq("/api/enrollment/enrollments/e-1/dropout"), any(), any());
        String stale = mvc.perform(post("/classes/c-1/trainees/e-1/dropout").with(oidcLogin().oidcUser(staff)).with(csrf())
                        .header("HX-Request", "true").param("etag", "\"3\"").param("dropoutReason", "家中有事"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(stale).contains("dropout-feedback", "data-kind=\"CHANGED\"", "家中有事");
    }

    @Test
    void aFailedTraineeResitsAndTheOfficerVoidsAnUnusedVoucher() throws Exception {
        OidcUser staff = user("base-staff-b-1", "BASE_STAFF", "420981", "b-1");
        when(gateway.get("/api/enrollment/enrollments/e-1?purpose=single-trainee-act")).thenReturn(answer(enrollment("ASSESSED",
                List.of(Map.of("theoryScore", 52, "practicalScore", 70, "theoryPassed", false, "practicalPassed", true,
                        "at", "2026-05-10T02:00:00Z"))), "\"6\""));
        assertThat(mvc.perform(get("/classes/c-1/trainees/e-1").with(oidcLogin().oidcUser(staff)))
                .andReturn().getResponse().getContentAsString()).contains("resit-form", "未通过", "dropout-form").doesNotContain("withdrawal-form");
        mvc.perform(post("/classes/c-1/trainees/e-1/assessment").with(oidcLogin().oidcUser(staff)).with(csrf())
                        .header("HX-Request", "true").param("etag", "\"6\"").param("theoryScore", "101").param("practicalScore", "70"))
                .andExpect(status().isOk());
        verify(gateway, never()).post(eq("/api/enrollment/enrollments/e-1/assessment"), any(), any());
        when(gateway.post(eq("/api/enrollment/enrollments/e-1/assessment"), any(), any())).thenReturn(answer(Map.of(), null));
        mvc.perform(post("/classes/c-1/trainees/e-1/assessment").with(oidcLogin().oidcUser(staff)).with(csrf())
                        .header("HX-Request", "true").param("etag", "\"6\"").param("theoryScore", "66").param("practicalScore", "70"))
                .andExpect(header().string("HX-Redirect", "/classes/c-1/trainees/e-1?done=assessment"));
        verify(gateway).post(eq("/api/enrollment/enrollments/e-1/assessment"), eq(Map.of("theoryScore", 66, "practicalScore", 70)), any());

        OidcUser officer = user("county-officer-yingcheng", "COUNTY_OFFICER", "420981", null);
        when(gateway.get("/api/subsidy/classes/c-1/vouchers")).thenReturn(new Gateway.Answer(200, new HttpHeaders(), List.of(
                Map.of("serial", "V2026-0001", "enrollmentId", "e-1", "amountFen", 60000, "status", "ISSUED"))));
        assertThat(mvc.perform(get("/classes/c-1/trainees/e-1").with(oidcLogin().oidcUser(officer)))
                .andReturn().getResponse().getContentAsString()).contains("voiding-form", "V2026-0001", "¥600.00").doesNotContain("resit-form");
        when(gateway.post(eq("/api/subsidy/vouchers/voiding"), any(), any())).thenReturn(answer(Map.of(), null));
        mvc.perform(post("/classes/c-1/trainees/e-1/voiding").with(oidcLogin().oidcUser(officer)).with(csrf())
                        .header("HX-Request", "true").param("serial", "V2026-0001").param("voidingReason", "发放有误")
                        .param("idempotencyKey", "void-12345678"))
                .andExpect(header().string("HX-Redirect", "/classes/c-1/trainees/e-1?done=voiding"));
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.captor();
        verify(gateway).post(eq("/api/subsidy/vouchers/voiding"), eq(Map.of("serial", "V2026-0001", "reason", "发放有误")), headers.capture());
        assertThat(sent(headers).getFirst("Idempotency-Key")).isEqualTo("void-12345678");
        // base staff do not void
        mvc.perform(post("/classes/c-1/trainees/e-1/voiding").with(oidcLogin().oidcUser(staff)).with(csrf())
                        .param("serial", "V2026-0001").param("voidingReason", "x"))
                .andExpect(status().isNotFound());
    }

    @Test
    void anOfficerOfAnotherCountyGetsNothingAndATraineeOfAnotherClassIsNotFound() throws Exception {
        doThrow(new ApiException(404, "urn:sunshine:problem:not-found", "no such enrollment", Map.of()))
                .when(gateway).get("/api/enrollment/enrollments/e-1?purpose=single-trainee-act");
        mvc.perform(get("/classes/c-1/trainees/e-1").with(oidcLogin().oidcUser(user("county-officer-anlu", "COUNTY_OFFICER", "420982", null))))
                .andExpect(status().isNotFound());
        when(gateway.get("/api/enrollment/enrollments/e-2?purpose=single-trainee-act")).thenReturn(answer(enrollment("ENROLLED", List.of()), "\"1\""));
        mvc.perform(get("/classes/c-9/trainees/e-2").with(oidcLogin().oidcUser(user("county-officer-yingcheng", "COUNTY_OFFICER", "420981", null))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/classes/c-1/trainees/e-1").with(oidcLogin().oidcUser(user("leader", "COUNTY_LEADER", "420981", null))))
                .andExpect(status().isNotFound());
    }
}
