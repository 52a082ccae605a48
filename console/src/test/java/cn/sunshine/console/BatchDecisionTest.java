package cn.sunshine.console;

import cn.sunshine.console.api.ApiException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpHeaders;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static cn.sunshine.console.PageTestSupport.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A leader approves several claims of 待审批 at once: each claim sent alone with the ETag the queue was drawn from
 * as If-Match and its own Idempotency-Key; one decided by a colleague meanwhile is named as such and the others go
 * through; the page lists every claim's outcome.
 */
class BatchDecisionTest extends GatewayPageTest {

    static Map<String, Object> claim(String id, String base, String status) {
        return Map.of("claimId", id, "baseName", base, "year", 2026, "part", "COMPLETION", "status", status, "totalFen", 40000,
                "submittedAt", "2026-06-05T01:00:00Z", "lines", List.of(Map.of(), Map.of()));
    }

    @Test
    void theQueueOffersEachClaimWithTheVersionItWasReadAt() throws Exception {
        when(gateway.get("/api/subsidy/claims?status=VERIFIED&size=50&page=0")).thenReturn(answer(Map.of("items",
                List.of(claim("c-1", "甲基地", "VERIFIED"), claim("c-2", "乙基地", "VERIFIED")), "total", 2), null));
        when(gateway.getEach(List.of("/api/subsidy/claims/c-1", "/api/subsidy/claims/c-2")))
                .thenReturn(List.of(answer(Map.of(), "\"3\""), answer(Map.of(), "\"5\"")));
        String html = html("/tasks/approval", ConsoleWebTest.leader());
        assertThat(html).contains("name=\"etag-c-1\" value=\"&quot;3&quot;\"", "name=\"etag-c-2\" value=\"&quot;5&quot;\"",
                "批量批准所选", "name=\"batchKey\"", "hx-disabled-elt=\"find button\"");
    }

    @Test
    void aListThatCarriesEachClaimsVersionIsNotReadAgain() throws Exception {
        Map<String, Object> c1 = new java.util.HashMap<>(claim("c-1", "甲基地", "VERIFIED"));
        c1.put("version", 7);
        when(gateway.get("/api/subsidy/claims?status=VERIFIED&size=50&page=0")).thenReturn(answer(Map.of("items",
                List.of(c1), "total", 1), null));
        String html = html("/tasks/approval", ConsoleWebTest.leader());
        assertThat(html).contains("name=\"etag-c-1\" value=\"&quot;7&quot;\"");
        verify(gateway, org.mockito.Mockito.never()).getEach(anyList());
    }

    @Test
    void eachClaimGoesAloneAndOneDecidedMeanwhileIsNamedWhileTheOthersGoThrough() throws Exception {
        when(gateway.post(eq("/api/subsidy/claims/c-1/approval"), any(), any()))
                .thenReturn(answer(claim("c-1", "甲基地", "APPROVED"), "\"4\""));
        when(gateway.post(eq("/api/subsidy/claims/c-2/approval"), any(), any())).thenThrow(new ApiException(412,
                "urn:sunshine:problem:stale-version", "The claim changed since you read it", Map.of()));
        when(gateway.post(eq("/api/subsidy/claims/c-3/approval"), any(), any()))
                .thenReturn(answer(claim("c-3", "丙基地", "AWAITING_EXTRA_APPROVAL"), "\"2\""));
        when(gateway.getEach(List.of("/api/subsidy/claims/c-2"))).thenReturn(List.of(answer(claim("c-2", "乙基地", "REJECTED"), "\"6\"")));
        when(gateway.get("/api/subsidy/claims?status=VERIFIED&size=50&page=0")).thenReturn(answer(Map.of("items", List.of(),
                "total", 0), null));
        when(gateway.getEach(anyList())).thenReturn(List.of(answer(claim("c-2", "乙基地", "REJECTED"), "\"6\"")));

        String html = mvc.perform(post("/tasks/approval/batch").with(oidcLogin().oidcUser(ConsoleWebTest.leader())).with(csrf())
                        .header("HX-Request", "true").param("batchKey", "b-1").param("claimId", "c-1", "c-2", "c-3")
                        .param("etag-c-1", "\"3\"").param("etag-c-2", "\"5\"").param("etag-c-3", "\"1\""))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("办理结果：成功 2 件，未办理 1 件", "data-claim-id=\"c-1\" data-outcome=\"DONE\"",
                "data-claim-id=\"c-2\" data-outcome=\"REFUSED\"", "该记录已被他人办理或已更新", "乙基地", "已退回",
                "data-claim-id=\"c-3\" data-outcome=\"DONE\"", "待加审").doesNotContain("<html");

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.forClass(Consumer.class);
        for (String[] c : new String[][] {{"c-1", "\"3\""}, {"c-2", "\"5\""}, {"c-3", "\"1\""}}) {
            verify(gateway, times(1)).post(eq("/api/subsidy/claims/" + c[0] + "/approval"), eq(Map.of("decision", "APPROVE")),
                    headers.capture());
            HttpHeaders sent = new HttpHeaders();
            headers.getValue().accept(sent);
            assertThat(sent.getFirst(HttpHeaders.IF_MATCH)).isEqualTo(c[1]);
            assertThat(sent.getFirst("Idempotency-Key")).isEqualTo("b-1:" + c[0]);
        }
    }
}
