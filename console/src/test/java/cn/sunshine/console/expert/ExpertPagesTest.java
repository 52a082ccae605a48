package cn.sunshine.console.expert;

import cn.sunshine.console.GatewayPageTest;
import cn.sunshine.console.api.ApiException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static cn.sunshine.console.PageTestSupport.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The expert's panels, declaration and score sheet, the gateway played by a mock. */
class ExpertPagesTest extends GatewayPageTest {

    static OidcUser expert() {
        OidcIdToken token = new OidcIdToken("t", Instant.now(), Instant.now().plusSeconds(600), Map.of("sub", "expert-zhou",
                "name", "评审专家 周教授", "preferred_username", "expert-zhou", "roles", List.of("EXPERT_REVIEWER"),
                "division", "420900"));
        return new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")), token);
    }

    void aTenderWithMeAppointed(String myStatus, boolean scored) {
        Map<String, Object> tender = Map.ofEntries(Map.entry("id", "t-1"), Map.entry("divisionCode", "420981"),
                Map.entry("year", 2026), Map.entry("title", "应城市2026年阳光工程培训基地招标公告"), Map.entry("stage", "CLOSED"),
                Map.entry("scale", 100), Map.entry("passingScore", 60),
                Map.entry("applicationOpensAt", "2026-03-02T16:00:00Z"), Map.entry("applicationClosesAt", "2026-03-19T16:00:00Z"),
                Map.entry("criteria", List.of(Map.of("code", "TEACHING", "name", "师资力量", "weightBp", 6000),
                        Map.of("code", "PLACEMENT", "name", "转移就业能力", "weightBp", 4000))));
        when(gateway.get("/api/accreditation/tenders?size=100")).thenReturn(answer(Map.of("items", List.of(tender), "total", 1)));
        when(gateway.get("/api/accreditation/tenders/t-1")).thenReturn(answer(tender));
        when(gateway.get("/api/accreditation/tenders/t-1/panel")).thenReturn(answer(Map.of("members", List.of(
                Map.of("reviewerId", "expert-wu", "name", "吴高工", "status", "DECLARED"),
                Map.of("reviewerId", "expert-zhou", "name", "周教授", "status", myStatus)))));
        when(gateway.get("/api/accreditation/tenders/t-1/applications?size=200")).thenReturn(answer(Map.of("items", List.of(
                Map.of("id", "a-1", "status", "SUBMITTED", "tenderId", "t-1", "institution", Map.of("legalName", "应城市职业教育中心",
                        "creditCode", "52420981MJ0000001X"), "majors", List.of(Map.of("majorName", "电焊")))), "total", 1)));
        when(gateway.get("/api/accreditation/tenders/t-1/ranking")).thenReturn(answer(Map.of("entries", List.of(Map.of(
                "applicationId", "a-1", "sheets", scored ? List.of(Map.of("reviewerName", "周教授"), Map.of("reviewerName", "吴高工"))
                        : List.of(Map.of("reviewerName", "吴高工")))))));
        when(gateway.get("/api/accreditation/applications/a-1")).thenReturn(answer(Map.of("id", "a-1", "tenderId", "t-1",
                "status", "SUBMITTED", "submission", Map.of("by", "applicant-1", "at", "2026-03-05T01:00:00Z"),
                "institution", Map.of("legalName", "应城市职业教育中心", "creditCode", "52420981MJ0000001X",
                        "address", "应城市城中"), "documents", List.of(Map.of("name", "法人证书.pdf", "type",
                        "LEGAL_PERSON_CERTIFICATE", "sha256", "ab12", "sizeBytes", 1024)), "majors", List.of(Map.of("majorName", "电焊",
                        "annualCapacity", 1200, "feeStandardFen", 126000, "durationDays", 30, "teachers", List.of(),
                        "placementPartners", List.of())))));
    }

    @Test
    void myPanelsShowWhereIStandAndAnotherReviewersSheetIsNotMine() throws Exception {
        aTenderWithMeAppointed("DECLARED", false);
        String html = html("/expert", expert());
        assertThat(html).contains("应城市2026年阳光工程培训基地招标公告", "已声明无利害关系", "0 / 1", "评审任务");
        String tender = mvc.perform(get("/expert/tenders/t-1").with(oidcLogin().oidcUser(expert())))
                .andReturn().getResponse().getContentAsString();
        assertThat(tender).contains("data-scored=\"false\"", "待评分", "60.00%").doesNotContain("declaration-form");
    }

    @Test
    void theDeclarationIsSentOnceWithItsIdempotencyKey() throws Exception {
        aTenderWithMeAppointed("APPOINTED", false);
        String page = mvc.perform(get("/expert/tenders/t-1").with(oidcLogin().oidcUser(expert())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("declaration-form", "hx-disabled-elt=\"find button\"", "name=\"idempotencyKey\"");
        when(gateway.post(eq("/api/accreditation/tenders/t-1/panel/declarations"), any(), any())).thenReturn(answer(Map.of()));
        mvc.perform(post("/expert/tenders/t-1/declaration").with(oidcLogin().oidcUser(expert())).with(csrf())
                        .header("HX-Request", "true").param("noConflict", "true").param("statement", "本人与各申报单位无利害关系")
                        .param("idempotencyKey", "decl-12345678"))
                .andExpect(header().string("HX-Redirect", "/expert/tenders/t-1?done=declared"));
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.captor();
        verify(gateway).post(eq("/api/accreditation/tenders/t-1/panel/declarations"),
                eq(Map.of("noConflict", true, "statement", "本人与各申报单位无利害关系")), headers.capture());
        HttpHeaders sent = new HttpHeaders();
        headers.getValue().accept(sent);
        assertThat(sent.getFirst("Idempotency-Key")).isEqualTo("decl-12345678");
    }

    @Test
    void aScoreSheetGoesWithOneIntegerPerCriterionAndASecondOneIsSaidFinal() throws Exception {
        aTenderWithMeAppointed("DECLARED", false);
        String page = mvc.perform(get("/expert/applications/a-1").with(oidcLogin().oidcUser(expert())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("sheet-form", "score-TEACHING", "score-PLACEMENT", "¥1,260.00", "1,200", "2026年3月5日 09:00", "法人证书");
        when(gateway.post(eq("/api/accreditation/applications/a-1/score-sheets"), any(), any())).thenReturn(answer(Map.of()));
        mvc.perform(post("/expert/applications/a-1/score-sheet").with(oidcLogin().oidcUser(expert())).with(csrf())
                        .header("HX-Request", "true").param("score-TEACHING", "88").param("score-PLACEMENT", "90")
                        .param("visitedOn", "2026-03-21").param("result", "PASSED").param("findings", "场地与申报相符")
                        .param("idempotencyKey", "sheet-12345678"))
                .andExpect(header().string("HX-Redirect", "/expert/tenders/t-1?done=scored"));
        verify(gateway).post(eq("/api/accreditation/applications/a-1/score-sheets"), eq(Map.of("scores", List.of(
                Map.of("criterionCode", "TEACHING", "score", 88), Map.of("criterionCode", "PLACEMENT", "score", 90)),
                "inspection", Map.of("visitedOn", "2026-03-21", "result", "PASSED", "findings", "场地与申报相符"))), any());

        doThrow(new ApiException(409, "urn:sunshine:problem:score-sheet-already-submitted", "already scored", Map.of()))
                .when(gateway).post(eq("/api/accreditation/applications/a-1/score-sheets"), any(), any());
        String again = mvc.perform(post("/expert/applications/a-1/score-sheet").with(oidcLogin().oidcUser(expert())).with(csrf())
                        .header("HX-Request", "true").param("score-TEACHING", "88").param("score-PLACEMENT", "90")
                        .param("visitedOn", "2026-03-21").param("result", "PASSED").param("findings", "场地与申报相符"))
                .andReturn().getResponse().getContentAsString();
        assertThat(again).contains("已经提交过", "data-kind=\"CHANGED\"").doesNotContain("id=\"sheet-form\"");
    }

    @Test
    void aScoreOutOfTheScaleIsSaidUnderItsCriterionAndANonNumberNeverReachesTheApi() throws Exception {
        aTenderWithMeAppointed("DECLARED", false);
        String local = mvc.perform(post("/expert/applications/a-1/score-sheet").with(oidcLogin().oidcUser(expert())).with(csrf())
                        .header("HX-Request", "true").param("score-TEACHING", "eighty").param("score-PLACEMENT", "90")
                        .param("visitedOn", "2026-03-21").param("result", "PASSED").param("findings", "x"))
                .andReturn().getResponse().getContentAsString();
        assertThat(local).contains("id=\"score-TEACHING\"", "is-invalid", "value=\"eighty\"");
        verify(gateway, never()).post(anyString(), any(), any());

        doThrow(new ApiException(400, "urn:sunshine:problem:validation", "The request has invalid fields",
                Map.of("scores[1].score", "must be between 0 and 100 (the tender's scale), was 120")))
                .when(gateway).post(anyString(), any(), any());
        String api = mvc.perform(post("/expert/applications/a-1/score-sheet").with(oidcLogin().oidcUser(expert())).with(csrf())
                        .header("HX-Request", "true").param("score-TEACHING", "80").param("score-PLACEMENT", "120")
                        .param("visitedOn", "2026-03-21").param("result", "PASSED").param("findings", "x"))
                .andReturn().getResponse().getContentAsString();
        assertThat(api).contains("id=\"score-PLACEMENT-error\"", "was 120");
    }

    @Test
    void aTenderWhosePanelIDoNotSitOnIsAPoliteNotFound() throws Exception {
        aTenderWithMeAppointed("DECLARED", true);
        when(gateway.get("/api/accreditation/tenders/t-1/panel")).thenReturn(answer(Map.of("members", List.of(
                Map.of("reviewerId", "expert-wu", "name", "吴高工", "status", "DECLARED")))));
        mvc.perform(get("/expert/tenders/t-1").with(oidcLogin().oidcUser(expert()))).andExpect(status().isNotFound());
    }
}
