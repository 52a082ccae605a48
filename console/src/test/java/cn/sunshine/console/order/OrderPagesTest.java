package cn.sunshine.console.order;

import cn.sunshine.console.GatewayPageTest;
import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static cn.sunshine.console.PageTestSupport.answer;
import static cn.sunshine.console.PageTestSupport.bodySent;
import static cn.sunshine.console.PageTestSupport.headersSent;
import static cn.sunshine.console.PageTestSupport.user;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Employers' orders with the gateway mocked: the county's list with the placements per major; base staff record an
 * order (a known employer found by its credit code, an unknown one registered first; wage yuan → fen; only the rows
 * filled in) with its Idempotency-Key, a refused position named under its row; an order class linked with If-Match;
 * another county's officer gets nothing.
 */
class OrderPagesTest extends GatewayPageTest {

    static final OidcUser STAFF = user("base-staff-b1", "BASE_STAFF", "420981", "b-1");
    static final OidcUser OFFICER = user("county-officer-yingcheng", "COUNTY_OFFICER", "420981", null);
    static final String CODE = "91420981MA49XXXX1K";
    static final int YEAR = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();

    static Map<String, Object> order(List<String> classIds) {
        return Map.of("id", "o-1", "version", 2, "employerId", "em-1", "employerName", "应城市双环机械制造有限公司",
                "employerCreditCode", CODE, "baseId", "b-1", "year", YEAR,
                "positions", List.of(Map.of("majorCode", "WELDING", "count", 20, "monthlyWageFen", 480000, "place", "应城市城北工业园", "placed", 3)),
                "classIds", classIds, "createdAt", "2026-03-01T02:00:00Z");
    }

    @BeforeEach
    void base() {
        when(gateway.get("/api/enrollment/bases/b-1")).thenReturn(answer(Map.of("baseId", "b-1", "name", "应城市职业教育中心",
                "majors", List.of(Map.of("majorCode", "WELDING", "majorName", "电焊")))));
    }

    @Test
    void theCountysOrdersShowThePlacementsPerMajor() throws Exception {
        when(gateway.get("/api/placement/orders?year=" + YEAR + "&size=50&page=0")).thenReturn(answer(Map.of("items", List.of(order(List.of("k-1"))), "total", 1)));
        String html = html("/orders", OFFICER);
        assertThat(html).contains("应城市双环机械制造有限公司", CODE, "WELDING × 20", "3 / 20", "href=\"/orders/o-1\"")
                .doesNotContain("id=\"new-order\"");
        when(gateway.get("/api/placement/orders/o-1")).thenReturn(answer(order(List.of("k-1"))));
        String one = html("/orders/o-1", OFFICER);
        assertThat(one).contains("¥4,800.00", "class=\"text-end placed\">3<", "href=\"/classes/k-1\"").doesNotContain("id=\"link-panel\"");
    }

    @Test
    void baseStaffRecordAnOrderRegisteringTheEmployerFirst() throws Exception {
        String form = html("/orders/new", STAFF);
        assertThat(form).contains("id=\"order-form\"", "<option value=\"WELDING\">电焊</option>", "name=\"key\"", "id=\"majorCode-4\"");

        when(gateway.get("/api/placement/employers?creditCode=" + CODE)).thenReturn(answer(Map.of("items", List.of(), "total", 0)));
        when(gateway.post(eq("/api/placement/employers"), any(), any())).thenReturn(new Gateway.Answer(201, new HttpHeaders(), Map.of("id", "em-1")));
        when(gateway.post(eq("/api/placement/orders"), any(), any())).thenReturn(new Gateway.Answer(201, new HttpHeaders(), order(List.of())));
        mvc.perform(post("/orders").param("employerName", "应城市双环机械制造有限公司").param("creditCode", CODE)
                        .param("address", "应城市城北工业园").param("hrPhone", "0712-3251234").param("year", String.valueOf(YEAR))
                        .param("majorCode-0", "WELDING").param("count-0", "20").param("wageYuan-0", "4,800").param("place-0", "应城市城北工业园")
                        .param("majorCode-1", "").param("count-1", "5")
                        .param("key", "3c1d2e4f-0000-4000-8000-00000000000b").with(oidcLogin().oidcUser(STAFF)).with(csrf()))
                .andExpect(redirectedUrl("/orders/o-1?done=created"));
        assertThat(bodySent(gateway, "/api/placement/employers")).containsEntry("creditCode", CODE).containsEntry("hrPhone", "0712-3251234");
        Map<String, Object> sent = bodySent(gateway, "/api/placement/orders");
        assertThat(sent).containsEntry("employerId", "em-1").containsEntry("year", YEAR);
        assertThat(sent.get("positions")).isEqualTo(List.of(Map.of("majorCode", "WELDING", "count", 20, "monthlyWageFen", 480000L,
                "place", "应城市城北工业园")));
        assertThat(headersSent(gateway, "/api/placement/orders").getFirst("Idempotency-Key")).isEqualTo("3c1d2e4f-0000-4000-8000-00000000000b");
    }

    @Test
    void aRefusedPositionIsNamedUnderItsRow() throws Exception {
        when(gateway.get("/api/placement/employers?creditCode=" + CODE)).thenReturn(answer(Map.of("items", List.of(Map.of("id", "em-1")), "total", 1)));
        when(gateway.post(eq("/api/placement/orders"), any(), any())).thenThrow(new ApiException(400, "urn:sunshine:problem:validation",
                "请检查输入", Map.of("positions[0].count", "必须大于0")));
        String html = mvc.perform(post("/orders").param("creditCode", CODE).param("year", String.valueOf(YEAR))
                        .param("majorCode-0", "WELDING").param("count-0", "0").param("wageYuan-0", "4800").param("place-0", "应城")
                        .with(oidcLogin().oidcUser(STAFF)).with(csrf()))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"order-feedback\"", "id=\"count-0-error\"", "必须大于0", "value=\"4800\"");
        verify(gateway, never()).post(eq("/api/placement/employers"), any(), any());
    }

    @Test
    void anOrderClassIsLinkedWithTheOrdersVersion() throws Exception {
        when(gateway.get("/api/placement/orders/o-1")).thenReturn(answer(order(List.of())));
        when(gateway.get("/api/enrollment/classes?status=OPENED&size=100")).thenReturn(answer(Map.of("items", List.of(
                Map.of("id", "k-7", "trainingForm", "ORDER", "majorName", "电焊", "plannedStart", "2026-04-15", "plannedEnd", "2026-05-30"),
                Map.of("id", "k-8", "trainingForm", "FREE", "majorName", "电工", "plannedStart", "2026-04-15", "plannedEnd", "2026-05-30")))));
        String page = html("/orders/o-1", STAFF);
        assertThat(page).contains("id=\"link-form\"", "value=\"k-7\"", "name=\"version\" value=\"2\"").doesNotContain("value=\"k-8\"");

        when(gateway.post(eq("/api/placement/orders/o-1/classes"), any(), any())).thenReturn(answer(order(List.of("k-7"))));
        mvc.perform(post("/orders/o-1/classes").param("classId", "k-7").param("version", "2").with(oidcLogin().oidcUser(STAFF)).with(csrf()))
                .andExpect(redirectedUrl("/orders/o-1?done=linked"));
        assertThat(bodySent(gateway, "/api/placement/orders/o-1/classes")).containsEntry("classId", "k-7");
        assertThat(headersSent(gateway, "/api/placement/orders/o-1/classes").getIfMatch()).containsExactly("\"2\"");
    }

    @Test
    void anotherCountysOfficerGetsNothing() throws Exception {
        when(gateway.get("/api/placement/orders/o-1")).thenThrow(new ApiException(404, "urn:sunshine:problem:not-found", "no such order", Map.of()));
        mvc.perform(get("/orders/o-1").with(oidcLogin().oidcUser(user("county-officer-anlu", "COUNTY_OFFICER", "420982", null))))
                .andExpect(status().isNotFound());
        mvc.perform(post("/orders").param("creditCode", CODE).with(oidcLogin().oidcUser(OFFICER)).with(csrf()))
                .andExpect(status().isNotFound());
        verify(gateway, never()).post(anyString(), any(), any());
    }
}
