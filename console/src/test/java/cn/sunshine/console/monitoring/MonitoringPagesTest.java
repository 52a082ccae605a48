package cn.sunshine.console.monitoring;

import cn.sunshine.console.GatewayPageTest;
import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static cn.sunshine.console.PageTestSupport.fields;
import static cn.sunshine.console.PageTestSupport.director;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The monitoring pages with the gateway played by a mock: the county officer registers a village (its
 * Idempotency-Key drawn with the form), enters a quarter's return (the figures as the API takes them), a refused
 * return shows the API's field message under its field, a correction goes as PUT with If-Match; the trends page
 * carries the quarters for the charts and the programme's figures beside them; base staff have no such page.
 */
class MonitoringPagesTest extends GatewayPageTest {

    static Map<String, Object> point(String status) {
        return fields("id", "p-1", "version", 3, "divisionCode", "420981", "town", "陈河镇", "village", "杨岭村",
                "monitorName", "杨文华", "monitorPhone", "13907121234", "status", status,
                "registeredAt", "2026-01-05T02:00:00Z");
    }

    static Map<String, Object> figures() {
        return fields("labourers", 860, "male", 470, "female", 390, "transferred", 412, "newlyTransferred", 23,
                "inCounty", 96, "inProvince", 118, "outOfProvince", 198, "sectors", Map.of("MANUFACTURING", 170),
                "returnedHome", 9);
    }

    void stubPoint() {
        HttpHeaders etag = new HttpHeaders();
        etag.setETag("\"3\"");
        when(gateway.get("/api/placement/monitoring-points/p-1")).thenReturn(new Gateway.Answer(200, etag, point("ACTIVE")));
        when(gateway.get(org.mockito.ArgumentMatchers.startsWith("/api/placement/monitoring-points/p-1/returns?year=")))
                .thenReturn(answer(List.of(Map.of("id", "p-1:2026-Q2", "version", 5, "year", 2026, "quarter", 2,
                        "revision", 1, "figures", figures(), "transferRateBp", 4790))));
        when(gateway.get(org.mockito.ArgumentMatchers.startsWith("/api/placement/monitoring-points/p-1/needs-surveys/")))
                .thenThrow(new ApiException(404, "urn:sunshine:problem:not-found", "no survey", Map.of()));
    }

    @Test
    void theOfficerRegistersAPointWithTheFormsKeyAndSeesItsReturns() throws Exception {
        when(gateway.get("/api/placement/monitoring-points?size=50&page=0")).thenReturn(answer(Map.of("items",
                List.of(Map.of("id", "p-1", "divisionCode", "420981", "town", "陈河镇", "village", "杨岭村",
                        "monitorName", "杨文华", "monitorPhone", "139****1234", "status", "ACTIVE")), "page", 0, "size", 50, "total", 1)));
        String page = html("/monitoring", director("COUNTY_OFFICER"));
        assertThat(page).contains("劳动力监测点", "杨岭村", "139****1234", "登记监测点", "name=\"idempotencyKey\"");

        when(gateway.post(eq("/api/placement/monitoring-points"), any(), any())).thenReturn(answer(point("ACTIVE")));
        mvc.perform(post("/monitoring/points").param("town", "陈河镇").param("village", "杨岭村").param("monitorName", "杨文华")
                        .param("monitorPhone", "13907121234").param("idempotencyKey", "0f8c1d2e-key-0001")
                        .with(oidcLogin().oidcUser(director("COUNTY_OFFICER"))).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/monitoring/points/p-1?done=registered"));
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.forClass(Consumer.class);
        ArgumentCaptor<Object> body = ArgumentCaptor.forClass(Object.class);
        verify(gateway).post(eq("/api/placement/monitoring-points"), body.capture(), headers.capture());
        HttpHeaders sent = new HttpHeaders();
        headers.getValue().accept(sent);
        assertThat(sent.getFirst("Idempotency-Key")).isEqualTo("0f8c1d2e-key-0001");
        assertThat(body.getValue()).isEqualTo(Map.of("divisionCode", "420981", "town", "陈河镇", "village", "杨岭村",
                "monitor", Map.of("name", "杨文华", "phone", "13907121234")));

        stubPoint();
        String detail = html("/monitoring/points/p-1?year=2026", director("COUNTY_OFFICER"));
        assertThat(detail).contains("陈河镇杨岭村", "13907121234", "第2季度", ">412<", "47.90%", "填报季度数据", "培训需求调查", "撤销监测点");
    }

    @Test
    void aReturnIsSentAsTheApiTakesItARefusalIsShownUnderItsFieldAndACorrectionGoesWithIfMatch() throws Exception {
        stubPoint();
        when(gateway.post(eq("/api/placement/monitoring-points/p-1/returns"), any(), any())).thenThrow(new ApiException(422,
                "urn:sunshine:problem:return-figures-inconsistent", "a part exceeds its total",
                Map.of("figures.transferred", "转移就业（900）超过劳动力总数（860）")));
        String refused = mvc.perform(post("/monitoring/points/p-1/returns").param("year", "2026").param("quarter", "2")
                        .param("labourers", "860").param("male", "470").param("female", "390").param("transferred", "900")
                        .param("newlyTransferred", "23").param("inCounty", "96").param("inProvince", "118")
                        .param("outOfProvince", "198").param("sector.MANUFACTURING", "170").param("returnedHome", "9")
                        .param("idempotencyKey", "0f8c1d2e-key-0002")
                        .with(oidcLogin().oidcUser(director("COUNTY_OFFICER"))).with(csrf()))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"f-transferred-error\"", "转移就业（900）超过劳动力总数（860）", "value=\"900\"");
        ArgumentCaptor<Object> body = ArgumentCaptor.forClass(Object.class);
        verify(gateway).post(eq("/api/placement/monitoring-points/p-1/returns"), body.capture(), any());
        @SuppressWarnings("unchecked")
        Map<String, Object> sent = (Map<String, Object>) body.getValue();
        assertThat(sent.get("year")).isEqualTo(2026);
        assertThat(sent.get("quarter")).isEqualTo(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> f = (Map<String, Object>) sent.get("figures");
        assertThat(f.get("transferred")).isEqualTo(900);
        assertThat(f.get("destinations")).isEqualTo(Map.of("inCounty", 96, "inProvince", 118, "outOfProvince", 198));
        assertThat(f.get("sectors")).isEqualTo(Map.of("MANUFACTURING", 170));

        String correcting = mvc.perform(get("/monitoring/points/p-1?year=2026&correct=2026-2")
                        .with(oidcLogin().oidcUser(director("COUNTY_OFFICER"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(correcting).contains("更正 2026 年第 2 季度数据", "name=\"version\" value=\"5\"", "value=\"412\"",
                "value=\"170\"");
        when(gateway.put(eq("/api/placement/monitoring-points/p-1/returns/2026/2"), any(), any())).thenReturn(answer(Map.of()));
        mvc.perform(post("/monitoring/points/p-1/returns/2026/2").param("version", "5").param("reason", "漏报两户")
                        .param("labourers", "862").param("male", "471").param("female", "391").param("transferred", "415")
                        .param("newlyTransferred", "26").param("inCounty", "96").param("inProvince", "120")
                        .param("outOfProvince", "199").param("returnedHome", "9")
                        .with(oidcLogin().oidcUser(director("COUNTY_OFFICER"))).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/monitoring/points/p-1?year=2026&done=correction"));
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.forClass(Consumer.class);
        verify(gateway).put(eq("/api/placement/monitoring-points/p-1/returns/2026/2"), any(), headers.capture());
        HttpHeaders put = new HttpHeaders();
        headers.getValue().accept(put);
        assertThat(put.getIfMatch()).containsExactly("\"5\"");
    }

    @Test
    void theTrendsCarryTheQuartersForTheChartsAndTheProgrammesFiguresBeside() throws Exception {
        Map<String, Object> q1 = new LinkedHashMap<>(figures());
        q1.remove("sectors");
        q1.put("quarter", 1);
        q1.put("pointsReporting", 2);
        q1.put("transferRateBp", 3750);
        q1.put("sectors", Map.of("MANUFACTURING", 120, "CONSTRUCTION", 100, "SERVICES", 80, "TRANSPORT", 0, "OTHER", 0));
        Map<String, Object> q2 = new LinkedHashMap<>(q1);
        q2.put("quarter", 2);
        q2.put("pointsReporting", 0);
        q2.put("transferRateBp", null);
        when(gateway.get(org.mockito.ArgumentMatchers.startsWith("/api/placement/monitoring/trends?division=420981&year=")))
                .thenReturn(answer(Map.of("divisionCode", "420981", "year", 2026, "pointsActive", 2, "surveys", 2,
                        "quarters", List.of(q1, q2),
                        "needs", List.of(Map.of("majorCode", "WELDING", "majorName", "电焊", "headCount", 55, "villages", 2)),
                        "plan", Map.of("source", "PLACEMENT_COMPLETERS_AND_PLACEMENTS", "completed", 1702, "placed", 1573,
                                "placementRateBp", 9242))));
        String page = html("/monitoring/trends", director("CITY_OFFICER"));
        assertThat(page).contains("监测趋势", "id=\"chart-labour\"", "data-chart=", "&quot;transferRateBp&quot;:3750",
                "1,702", "1,573", "92.42%", "电焊", "37.50%", ">860<", "/assets/monitoring.js");
    }

    @Test
    void aCitysTrendsHaveARowForEachCountyBelowLinkingItsOwn() throws Exception {
        OidcUser city = new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")), new OidcIdToken("t", Instant.now(),
                Instant.now().plusSeconds(600), Map.of("sub", "city", "name", "孝感市阳光办", "roles", List.of("CITY_OFFICER"),
                "division", "420900")));
        Map<String, Object> q1 = new LinkedHashMap<>(figures());
        q1.put("quarter", 1);
        q1.put("pointsReporting", 2);
        q1.put("transferRateBp", 4790);
        Map<String, Object> trends = Map.of("divisionCode", "420981", "year", 2026, "pointsActive", 2, "surveys", 2,
                "quarters", List.of(q1), "needs", List.of(), "plan", Map.of("source", "X", "completed", 1702, "placed", 1573));
        when(gateway.get(org.mockito.ArgumentMatchers.startsWith("/api/placement/monitoring/trends?division=420900&year=")))
                .thenReturn(answer(trends));
        when(gateway.getEach(org.mockito.ArgumentMatchers.anyList())).thenAnswer(inv -> {
            List<String> paths = inv.getArgument(0);
            List<Object> out = new java.util.ArrayList<>();
            for (String path : paths) {
                out.add(path.contains("division=420981") ? answer(trends)
                        : new ApiException(503, "urn:sunshine:problem:unavailable", "down", Map.of()));
            }
            return out;
        });
        String page = html("/monitoring/trends", city);
        assertThat(page).contains("下辖各地", "data-division=\"420981\"", "应城市", "/monitoring/trends?division=420981",
                "47.90%", "1,573", "暂时无法获取");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSurveyIsCorrectedWithItsVersionAndReasonAndARefusalKeepsWhatWasTyped() throws Exception {
        stubPoint();
        int year = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();
        org.mockito.Mockito.doReturn(answer(Map.of("id", "s-1", "version", 4, "year", year, "surveyedOn", year + "-03-10",
                "headCount", 40, "revision", 1, "needs", List.of(Map.of("majorCode", "WELDING", "majorName", "电焊", "headCount", 40)))))
                .when(gateway).get("/api/placement/monitoring-points/p-1/needs-surveys/" + year);
        String page = html("/monitoring/points/p-1", director("COUNTY_OFFICER"));
        assertThat(page).contains("更正本年度调查", "本调查已更正 1 次", "name=\"version\" value=\"4\"", "value=\"WELDING\"",
                "/monitoring/points/p-1/needs-surveys/" + year + "/correction");

        String api = "/api/placement/monitoring-points/p-1/needs-surveys/" + year;
        when(gateway.put(eq(api), any(), any())).thenReturn(answer(Map.of()));
        mvc.perform(post("/monitoring/points/p-1/needs-surveys/" + year + "/correction").param("version", "4")
                        .param("surveyedOn", year + "-03-10").param("majorCode", "welding", "sewing", "")
                        .param("majorName", "电焊", "缝纫", "").param("headCount", "35", "12", "")
                        .param("reason", "村监测员复核：电焊重复登记5人，另有12人愿学缝纫")
                        .with(oidcLogin().oidcUser(director("COUNTY_OFFICER"))).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/monitoring/points/p-1?year=" + year + "&done=surveyCorrected"));
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.forClass(Consumer.class);
        ArgumentCaptor<Object> body = ArgumentCaptor.forClass(Object.class);
        verify(gateway).put(eq(api), body.capture(), headers.capture());
        HttpHeaders sent = new HttpHeaders();
        headers.getValue().accept(sent);
        assertThat(sent.getIfMatch()).containsExactly("\"4\"");
        assertThat((Map<String, Object>) body.getValue()).containsEntry("reason", "村监测员复核：电焊重复登记5人，另有12人愿学缝纫")
                .containsEntry("needs", List.of(Map.of("majorCode", "WELDING", "majorName", "电焊", "headCount", 35),
                        Map.of("majorCode", "SEWING", "majorName", "缝纫", "headCount", 12)));

        org.mockito.Mockito.doThrow(new ApiException(400, "urn:sunshine:problem:validation",
                "reason: must not be blank", Map.of("reason", "不能为空"))).when(gateway).put(eq(api), any(), any());
        String refused = mvc.perform(post("/monitoring/points/p-1/needs-surveys/" + year + "/correction").param("version", "4")
                        .param("surveyedOn", year + "-03-10").param("majorCode", "WELDING").param("majorName", "电焊")
                        .param("headCount", "35").with(oidcLogin().oidcUser(director("COUNTY_OFFICER"))).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"survey-correction-feedback\"", "id=\"fix-reason-error\"", "不能为空",
                "<details id=\"survey-correction\" open=\"open\">");
    }

    @Test
    void baseStaffHaveNoMonitoringPages() throws Exception {
        mvc.perform(get("/monitoring").with(oidcLogin().oidcUser(director("BASE_STAFF")))).andExpect(status().isNotFound());
        mvc.perform(post("/monitoring/points/p-1/returns").param("year", "2026")
                .with(oidcLogin().oidcUser(director("BASE_STAFF"))).with(csrf())).andExpect(status().isNotFound());
        verify(gateway, never()).post(anyString(), any(), any());
    }
}
