package cn.sunshine.console.accreditation;

import cn.sunshine.console.GatewayPageTest;
import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpHeaders;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static cn.sunshine.console.PageTestSupport.fields;
import static cn.sunshine.console.PageTestSupport.answer;
import static cn.sunshine.console.accreditation.AccreditationPagesTest.officer;
import static cn.sunshine.console.PageTestSupport.sent;
import static cn.sunshine.console.PageTestSupport.user;
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

/** Complaints (public and the officer's), annual reviews and revocation, quota ledgers; the gateway played by a mock. */
class OversightPagesTest extends GatewayPageTest {

    static Map<String, Object> complaint(String id, String status, boolean overdue, String handler) {
        return fields("id", id, "divisionCode", "420981", "year", 2026, "channel", "WEB", "anonymous", false,
                "complainant", Map.of("name", "张**", "phone", "138****4567", "masked", true),
                "subject", Map.of("type", "BASE", "baseId", "b-1"), "statement", "该基地虚报培训人数", "status", status,
                "receivedAt", "2026-04-01T02:00:00Z", "answerDue", "2026-04-22", "dueDate", "2026-04-03",
                "overdue", overdue, "handler", handler, "handlerName", handler == null ? null : "李科长", "version", 1);
    }

    @Test
    void thePublicFilesAnonymouslyOrWithTheCodeAndSeesTheCountysStatistics() throws Exception {
        when(gateway.getPublic(anyString())).thenReturn(answer(Map.of("total", 0, "items", List.of())));
        when(gateway.getPublic("/api/public/accreditation/complaint-statistics?division=420981&year=2026")).thenReturn(answer(Map.of(
                "year", 2026, "counties", List.of(Map.of("divisionCode", "420981", "received", 7, "answered", 5,
                        "answeredOnTime", 4, "substantiated", 2, "overdue", 1)))));
        String page = mvc.perform(get("/public/complaints").param("division", "420981").param("year", "2026"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("complaint-form", "name=\"idempotencyKey\"", "id=\"stat-received\">7<", "id=\"stat-substantiated\">2<",
                "2026年举报办理情况");

        when(gateway.postPublic(eq("/api/public/accreditation/complaints"), any(), any())).thenReturn(answer(Map.of(
                "status", "RECEIVED", "complaintId", "c-1", "receivedAt", "2026-04-01T02:00:00Z", "answerDue", "2026-04-22",
                "anonymous", true)));
        String filed = mvc.perform(post("/public/complaints").with(csrf()).header("HX-Request", "true")
                        .param("division", "420981").param("subjectType", "BASE").param("baseId", "b-1")
                        .param("statement", "该基地虚报培训人数").param("anonymous", "true").param("name", "张三")
                        .param("idempotencyKey", "complaint-12345678"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(filed).contains("举报已受理", "c-1", "2026年4月22日");
        ArgumentCaptor<Object> body = ArgumentCaptor.captor();
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.captor();
        verify(gateway).postPublic(eq("/api/public/accreditation/complaints"), body.capture(), headers.capture());
        assertThat(asMap(body.getValue())).doesNotContainKey("complainant").containsEntry("divisionCode", "420981");
        assertThat(asMap(asMap(body.getValue()).get("subject"))).containsEntry("type", "BASE").containsEntry("baseId", "b-1");
        assertThat(sent(headers).getFirst("Idempotency-Key")).isEqualTo("complaint-12345678");

        when(gateway.postPublic(eq("/api/public/accreditation/complaints"), any(), any())).thenReturn(answer(Map.of(
                "status", "AWAITING_CONFIRMATION", "confirmationId", "pc-1", "phone", "138****4567",
                "expiresAt", "2026-04-01T02:10:00Z", "simulatedCode", "123456")));
        String code = mvc.perform(post("/public/complaints").with(csrf()).header("HX-Request", "true")
                        .param("division", "420981").param("subjectType", "OTHER").param("statement", "收费不公开")
                        .param("name", "张三").param("phone", "13812344567"))
                .andReturn().getResponse().getContentAsString();
        assertThat(code).contains("complaint-confirm-form", "138****4567", "data-code=\"123456\"");
        doThrow(new ApiException(422, "urn:sunshine:problem:confirmation-code-wrong", "wrong", Map.of()))
                .when(gateway).postPublic(eq("/api/public/accreditation/pending-complaints/pc-1/confirmation"), any(), any());
        String wrong = mvc.perform(post("/public/complaints/pending/pc-1/confirmation").with(csrf()).header("HX-Request", "true")
                        .param("division", "420981").param("code", "000000").param("phone", "138****4567"))
                .andReturn().getResponse().getContentAsString();
        assertThat(wrong).contains("complaint-feedback", "验证码不正确", "complaint-confirm-form");
    }

    @Test
    void theOfficersListPutsTheOverdueFirstAndTheCaseTakesItsStepsWithIfMatch() throws Exception {
        when(gateway.get(anyString())).thenReturn(answer(Map.of("total", 0, "items", List.of())));
        when(gateway.get("/api/accreditation/complaints?size=50&page=0&status=ASSIGNED")).thenReturn(answer(Map.of("total", 2,
                "items", List.of(complaint("c-new", "ASSIGNED", false, "x"), complaint("c-late", "ASSIGNED", true, "x")))));
        String list = mvc.perform(get("/accreditation/complaints").param("status", "ASSIGNED").with(oidcLogin().oidcUser(officer())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list.indexOf("data-complaint-id=\"c-late\"")).isLessThan(list.indexOf("data-complaint-id=\"c-new\""));
        assertThat(list).contains("已逾期", "138****4567".substring(0, 0));

        when(gateway.get("/api/accreditation/complaints/c-1")).thenReturn(answer(complaint("c-1", "RECEIVED", true, null), "\"1\""));
        String page = mvc.perform(get("/accreditation/complaints/c-1").with(oidcLogin().oidcUser(officer())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("assign-form", "138****4567", "仅对承办人完整显示", "complaint-overdue", "2026年4月22日")
                .doesNotContain("answer-form");
        when(gateway.post(eq("/api/accreditation/complaints/c-1/assignment"), any(), any())).thenReturn(answer(Map.of()));
        mvc.perform(post("/accreditation/complaints/c-1/assignment").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .header("HX-Request", "true").param("etag", "\"1\""))
                .andExpect(header().string("HX-Redirect", "/accreditation/complaints/c-1?done=assignment"));
        ArgumentCaptor<Object> body = ArgumentCaptor.captor();
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.captor();
        verify(gateway).post(eq("/api/accreditation/complaints/c-1/assignment"), body.capture(), headers.capture());
        assertThat(sent(headers).getIfMatch()).containsExactly("\"1\"");
        assertThat(asMap(body.getValue())).containsEntry("handlerName", "county-officer-yingcheng");

        // the handler answers: the form is theirs; a refusal stands beside it in the person's words
        when(gateway.get("/api/accreditation/complaints/c-1")).thenReturn(answer(
                complaint("c-1", "INVESTIGATING", false, "county-officer-yingcheng"), "\"3\""));
        assertThat(mvc.perform(get("/accreditation/complaints/c-1").with(oidcLogin().oidcUser(officer())))
                .andReturn().getResponse().getContentAsString()).contains("answer-form", "sub-true");
        doThrow(new ApiException(403, "urn:sunshine:problem:not-the-handler", "not the handler", Map.of()))
                .when(gateway).post(eq("/api/accreditation/complaints/c-1/answer"), any(), any());
        String refused = mvc.perform(post("/accreditation/complaints/c-1/answer").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .header("HX-Request", "true").param("etag", "\"3\"").param("substantiated", "true")
                        .param("findings", "虚报12人\n\n").param("reply", "经查属实，已责令整改"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("answer-feedback", "只有该案件的承办人可以办理此环节", "经查属实，已责令整改");
        verify(gateway).post(eq("/api/accreditation/complaints/c-1/answer"), body.capture(), any());
        assertThat(asMap(body.getValue())).containsEntry("substantiated", true).containsEntry("findings", List.of("虚报12人"));
    }

    @Test
    void anOfficerOfAnotherCountyGetsNothingAndOthersNoPage() throws Exception {
        doThrow(new ApiException(404, "urn:sunshine:problem:not-found", "no such complaint", Map.of()))
                .when(gateway).get("/api/accreditation/complaints/c-1");
        doThrow(new ApiException(404, "urn:sunshine:problem:not-found", "no such base", Map.of()))
                .when(gateway).get("/api/accreditation/bases/b-1");
        doThrow(new ApiException(404, "urn:sunshine:problem:not-found", "no such ledger", Map.of()))
                .when(gateway).get("/api/accreditation/quota-ledgers/l-1");
        for (String path : List.of("/accreditation/complaints/c-1", "/accreditation/bases/b-1", "/accreditation/quotas/l-1")) {
            String html = mvc.perform(get(path).with(oidcLogin().oidcUser(user("county-officer-anlu", "COUNTY_OFFICER", "420982"))))
                    .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
            assertThat(html).doesNotContain("该基地虚报培训人数");
        }
        mvc.perform(get("/accreditation/complaints").with(oidcLogin().oidcUser(user("staff", "BASE_STAFF", "420981"))))
                .andExpect(status().isNotFound());
        verify(gateway, never()).get(org.mockito.ArgumentMatchers.startsWith("/api/accreditation/complaints?"));
    }

    @Test
    void theHomeCountsComplaintsWaitingAndOverdue() throws Exception {
        when(gateway.get(anyString())).thenReturn(answer(Map.of("total", 0, "items", List.of())));
        when(gateway.get("/api/accreditation/complaints?status=RECEIVED&size=1")).thenReturn(answer(Map.of("total", 3, "items", List.of())));
        when(gateway.get("/api/accreditation/complaints?overdue=true&size=1")).thenReturn(answer(Map.of("total", 2, "items", List.of())));
        String html = mvc.perform(get("/").with(oidcLogin().oidcUser(officer()))).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("accr-task-complaintsNew", "举报待分派", "/accreditation/complaints?status=RECEIVED",
                "accr-task-complaintsOverdue", "/accreditation/complaints?overdue=true");
    }

    static Map<String, Object> base(String status) {
        return fields("id", "b-1", "name", "应城市职业教育中心", "creditCode", "52420981MJ0000001X", "divisionCode", "420981",
                "status", status, "validFrom", "2026-01-01", "validUntil", "2026-12-31", "conditions", List.of(),
                "majors", List.of(Map.of("majorCode", "WELDING", "majorName", "电焊", "annualCapacity", 1200, "feeStandardFen", 126000)));
    }

    @Test
    void aReviewOpensWithTheRecordedFactsIsDecidedWithIfMatchAndRevocationAsksAgain() throws Exception {
        when(gateway.get("/api/accreditation/bases/b-1")).thenReturn(answer(base("ACCREDITED"), "\"7\""));
        when(gateway.get("/api/accreditation/bases/b-1/annual-reviews")).thenReturn(new Gateway.Answer(200, new HttpHeaders(), List.of()));
        when(gateway.get("/api/accreditation/bases/b-1/performance?year=2026")).thenReturn(answer(Map.of("enrolled", 312,
                "completed", 298, "placed", 259, "spotChecksCalled", 13, "spotChecksConfirmed", 12, "findings", List.of("监督举报 c-1：虚报12人"))));
        String page = mvc.perform(get("/accreditation/bases/b-1").param("year", "2026").with(oidcLogin().oidcUser(officer())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("open-form", "value=\"312\"", "监督举报 c-1：虚报12人", "revoke-form");

        when(gateway.post(eq("/api/accreditation/bases/b-1/annual-reviews"), any(), any())).thenReturn(answer(Map.of("id", "r-1")));
        mvc.perform(post("/accreditation/bases/b-1/annual-reviews").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .header("HX-Request", "true").param("year", "2026").param("enrolled", "312").param("completed", "298")
                        .param("placed", "259").param("spotChecksCalled", "13").param("spotChecksConfirmed", "12")
                        .param("committedPlacementRate", "90").param("findings", "虚报12人"))
                .andExpect(header().string("HX-Redirect", "/accreditation/reviews/r-1?done=opened"));
        ArgumentCaptor<Object> body = ArgumentCaptor.captor();
        verify(gateway).post(eq("/api/accreditation/bases/b-1/annual-reviews"), body.capture(), any());
        assertThat(body.getValue().toString()).contains("year=2026", "enrolled=312", "committedPlacementRateBp=9000", "findings=[虚报12人]");

        Map<String, Object> review = new LinkedHashMap<>(Map.of("id", "r-1", "baseId", "b-1", "baseName", "应城市职业教育中心",
                "year", 2026, "status", "OPEN", "facts", Map.of("enrolled", 312, "completed", 298, "placed", 259,
                        "committedPlacementRateBp", 9000, "completionRateBp", 9551, "placementRateBp", 8691, "meetsCommitment", false,
                        "spotChecksCalled", 13, "spotChecksConfirmed", 12, "findings", List.of("虚报12人"))));
        Map<String, Object> recorded = new LinkedHashMap<>(Map.of("enrolled", 312, "completed", 298, "placed", 259,
                "spotChecksCalled", 13, "spotChecksConfirmed", 12, "findings", List.of()));
        recorded.putAll(Map.of("confirmationsAsked", 40, "confirmationsDenied", 2, "confirmationRateBp", 9000));
        review.put("recordedByOtherServices", recorded);
        when(gateway.get("/api/accreditation/annual-reviews/r-1")).thenReturn(answer(review, "\"0\""));
        assertThat(mvc.perform(get("/accreditation/reviews/r-1").with(oidcLogin().oidcUser(officer())))
                .andReturn().getResponse().getContentAsString()).contains("decide-form", "未达承诺", "86.91%", "2026年度审核",
                "学员确认率", "90.00% （请 40 人确认，2 人否认）");
        doThrow(new ApiException(422, "urn:sunshine:problem:review-rule", "cannot renew without conditions", Map.of()))
                .when(gateway).post(eq("/api/accreditation/annual-reviews/r-1/decision"), any(), any());
        String refused = mvc.perform(post("/accreditation/reviews/r-1/decision").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .header("HX-Request", "true").param("etag", "\"0\"").param("outcome", "RENEW").param("reasons", "基本达标"))
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("decide-feedback", "不符合再认定规则", "基本达标");
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.captor();
        verify(gateway).post(eq("/api/accreditation/annual-reviews/r-1/decision"), any(), headers.capture());
        assertThat(sent(headers).getIfMatch()).containsExactly("\"0\"");

        // revocation: the first post asks again, nothing is sent; the confirmed one revokes with the base's ETag
        String confirm = mvc.perform(post("/accreditation/bases/b-1/revocation").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .header("HX-Request", "true").param("etag", "\"7\"").param("reason", "套取补助"))
                .andReturn().getResponse().getContentAsString();
        assertThat(confirm).contains("revoke-confirm-form", "revoke-warning", "套取补助");
        verify(gateway, never()).post(eq("/api/accreditation/bases/b-1/revocation"), any(), any());
        when(gateway.post(eq("/api/accreditation/bases/b-1/revocation"), any(), any())).thenReturn(answer(base("REVOKED")));
        mvc.perform(post("/accreditation/bases/b-1/revocation").with(oidcLogin().oidcUser(officer())).with(csrf())
                        .header("HX-Request", "true").param("etag", "\"7\"").param("reason", "套取补助").param("confirmed", "yes"))
                .andExpect(header().string("HX-Redirect", "/accreditation/bases/b-1?done=revoked"));
        verify(gateway).post(eq("/api/accreditation/bases/b-1/revocation"), eq(Map.of("reason", "套取补助")), headers.capture());
        assertThat(sent(headers).getIfMatch()).containsExactly("\"7\"");
    }

    @Test
    void theProvincePlansAndAnOfficerReallocatesWithTheKeyAndTheAllocationReplaced() throws Exception {
        OidcUserFactory province = () -> user("province-officer", "PROVINCE_OFFICER", "420000");
        when(gateway.get("/api/accreditation/quota-ledgers?size=100&year=2026")).thenReturn(answer(Map.of("total", 0, "items", List.of())));
        assertThat(mvc.perform(get("/accreditation/quotas").param("year", "2026").with(oidcLogin().oidcUser(province.get())))
                .andReturn().getResponse().getContentAsString()).contains("plan-form");
        assertThat(mvc.perform(get("/accreditation/quotas").param("year", "2026").with(oidcLogin().oidcUser(officer())))
                .andReturn().getResponse().getContentAsString()).doesNotContain("plan-form");
        when(gateway.post(eq("/api/accreditation/quota-ledgers"), any(), any())).thenReturn(answer(Map.of("id", "l-p")));
        mvc.perform(post("/accreditation/quotas").with(oidcLogin().oidcUser(province.get())).with(csrf()).header("HX-Request", "true")
                        .param("year", "2026").param("total", "20000").param("reason", "省阳光办2026年计划").param("idempotencyKey", "plan-12345678"))
                .andExpect(header().string("HX-Redirect", "/accreditation/quotas/l-p?done=planned"));
        verify(gateway).post(eq("/api/accreditation/quota-ledgers"), eq(Map.of("divisionCode", "420000", "year", 2026,
                "total", 20000, "reason", "省阳光办2026年计划")), any());

        Map<String, Object> ledger = new LinkedHashMap<>(Map.of("id", "l-c", "divisionCode", "420900", "year", 2026, "level", "CITY",
                "received", 5000, "allocated", 1200, "remaining", 3800, "receipts", List.of(),
                "allocations", List.of(Map.of("id", "al-1", "toDivision", "420981", "amount", 1200, "previousAmount", 0,
                        "status", "CURRENT", "decision", Map.of("by", "city", "at", "2026-01-05T02:00:00Z", "reason", "按计划")))));
        when(gateway.get("/api/accreditation/quota-ledgers/l-c")).thenReturn(answer(ledger, "\"2\""));
        OidcUserFactory city = () -> user("city-officer", "CITY_OFFICER", "420900");
        String page = mvc.perform(get("/accreditation/quotas/l-c").with(oidcLogin().oidcUser(city.get())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("allocate-form", "value=\"division:420981~al-1\"", "value=\"division:420982\"", "应城市", "3,800");
        doThrow(new ApiException(422, "urn:sunshine:problem:quota-exceeded", "exceeds", Map.of()))
                .when(gateway).post(eq("/api/accreditation/quota-ledgers/l-c/allocations"), any(), any());
        String refused = mvc.perform(post("/accreditation/quotas/l-c/allocations").with(oidcLogin().oidcUser(city.get())).with(csrf())
                        .header("HX-Request", "true").param("recipient", "division:420981~al-1").param("amount", "9000")
                        .param("reason", "调增").param("idempotencyKey", "alloc-12345678"))
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("allocate-feedback", "分配数超过本级尚未分配的名额");
        ArgumentCaptor<Object> body = ArgumentCaptor.captor();
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.captor();
        verify(gateway).post(eq("/api/accreditation/quota-ledgers/l-c/allocations"), body.capture(), headers.capture());
        assertThat(asMap(body.getValue())).containsEntry("toDivision", "420981").containsEntry("replaces", "al-1")
                .containsEntry("amount", 9000);
        assertThat(sent(headers).getFirst("Idempotency-Key")).isEqualTo("alloc-12345678");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    interface OidcUserFactory {
        org.springframework.security.oauth2.core.oidc.user.OidcUser get();
    }
}
