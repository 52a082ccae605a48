package cn.sunshine.console.auditlog;

import cn.sunshine.console.session.MongoSessionRepository;
import com.sun.net.httpserver.HttpServer;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.test.web.servlet.MockMvc;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console's login and operation logs: written at sign-in failure, sign-out, expiry, an operator's end and every
 * state-changing request forwarded to the gateway (here a real {@code Gateway} against a stub of the gateway), with
 * nothing personal of a trainee in them; read by the auditor within their division, filtered, paged and exported.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class AuditLogTest {

    static HttpServer stub;
    static final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void gateway() throws Exception {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/api/", x -> {
            received.add(x.getRequestMethod() + " " + x.getRequestURI() + " " + x.getRequestHeaders().getFirst("Idempotency-Key"));
            // A write is created (201), or refused as already enrolled (409) on a class named "refused"; a read is not found.
            int status = "GET".equals(x.getRequestMethod()) ? 404 : x.getRequestURI().getPath().contains("refused") ? 409 : 201;
            byte[] body = (status == 201 ? "{\"id\":\"e-1\"}" : "{\"type\":\"urn:sunshine:problem:" + (status == 404 ? "not-found"
                    : "already-enrolled") + "\",\"status\":" + status + ",\"detail\":\"enrolled at base b-2\"}").getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(status, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        stub.start();
    }

    @AfterAll
    static void stop() {
        stub.stop(0);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("sunshine.console.gateway-uri", () -> "http://127.0.0.1:" + stub.getAddress().getPort());
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditLog log;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MongoSessionRepository sessions;

    @Autowired
    ClientRegistrationRepository registrations;

    /** The person's access token, where the console's Gateway reads it (their session, after a real sign-in). */
    @MockitoBean
    OAuth2AuthorizedClientRepository authorizedClients;

    void signedInWithAToken() {
        OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "token-" + UUID.randomUUID(),
                Instant.now(), Instant.now().plusSeconds(600));
        when(authorizedClients.loadAuthorizedClient(eq("sunshine"), any(), any())).thenReturn(
                new OAuth2AuthorizedClient(registrations.findByRegistrationId("sunshine"), "staff", token));
    }

    static OidcUser user(String sub, String name, String role, String division, String baseId) {
        Map<String, Object> claims = new HashMap<>(Map.of("sub", sub, "name", name, "preferred_username", sub,
                "roles", List.of(role), "division", division));
        if (baseId != null) {
            claims.put("baseId", baseId);
        }
        OidcIdToken token = new OidcIdToken("t", Instant.now(), Instant.now().plusSeconds(600), claims);
        return new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")), token);
    }

    static final OidcUser AUDITOR = user("auditor-province", "省审计 赵审计员", "AUDITOR", "420000", null);

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> signIns(String who) {
        return (List<Map<String, Object>>) log.signIns(new AuditLog.Query(who, null, null, null, null, null, null), "420000", 0, 50).get("items");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> operations(String who) {
        return (List<Map<String, Object>>) log.operations(new AuditLog.Query(who, null, null, null, null, null, null), "420000", 0, 50).get("items");
    }

    @Test
    void aForwardedEnrollmentIsLoggedWithoutItsBodyAndNothingPersonal() throws Exception {
        String staff = unique("base-staff");
        OidcUser me = user(staff, "应城市职业教育中心 报名员", "BASE_STAFF", "420981", "b-1");
        signedInWithAToken();
        mvc.perform(post("/classes/k-1/enrollments").with(oidcLogin().oidcUser(me)).with(csrf())
                        .header("X-Sunshine-Client-Address", "203.0.113.7").header("User-Agent", "Mozilla/5.0 test")
                        .param("idempotencyKey", "key-" + staff).param("name", "张伟").param("idNumber", "420981199003152314")
                        .param("phone", "13907126666").param("subsidyYuan", "200").param("ruralHousehold", "true"))
                .andExpect(status().is3xxRedirection()).andExpect(header().string(HttpHeaders.LOCATION, "/classes/k-1?enrolled=e-1"));
        assertThat(received).contains("POST /api/enrollment/classes/k-1/enrollments key-" + staff);

        List<Map<String, Object>> ops = operations(staff);
        assertThat(ops).hasSize(1);
        assertThat(ops.get(0)).containsEntry("method", "POST").containsEntry("path", "/api/enrollment/classes/k-1/enrollments")
                .containsEntry("page", "/classes/k-1/enrollments").containsEntry("status", 201)
                .containsEntry("idempotencyKey", "key-" + staff).containsEntry("address", "203.0.113.7")
                .containsEntry("division", "420981").containsEntry("baseId", "b-1").containsEntry("roles", List.of("BASE_STAFF"));
        // Nothing of the trainee (nor the staff member's name) anywhere in the stored entry.
        String stored = mongo.getCollection(AuditLog.OPERATIONS).find(new Document("username", staff)).first().toJson();
        assertThat(stored).doesNotContain("张伟", "420981199003152314", "13907126666", "报名员");

        // A refusal is logged with its status and problem kind.
        mvc.perform(post("/classes/refused/enrollments").with(oidcLogin().oidcUser(me)).with(csrf())
                .param("idempotencyKey", "key2-" + staff).param("name", "李娜").param("idNumber", "420981199003152314"));
        assertThat(operations(staff).get(0)).containsEntry("status", 409).containsEntry("problem", "already-enrolled")
                .containsEntry("path", "/api/enrollment/classes/refused/enrollments");
    }

    @Test
    void aPathSegmentThatLooksLikeAnIdNumberOrAPhoneIsMaskedAndTheQueryLeftOut() {
        assertThat(AuditLog.maskedPath("/api/enrollment/people/420981199003152314/contact?phone=13907126666"))
                .isEqualTo("/api/enrollment/people/***/contact");
        assertThat(AuditLog.maskedPath("/api/x/13907126666")).isEqualTo("/api/x/***");
        assertThat(AuditLog.maskedPath("/api/subsidy/claims/c-1/approval")).isEqualTo("/api/subsidy/claims/c-1/approval");
        assertThat(AuditLog.scope("420981")).containsExactly("420000", "420900", "420981");
        assertThat(AuditLog.scope(null)).containsExactly("-");
    }

    @Test
    void aFailedSignInAndASignOutAreLogged() throws Exception {
        String agent = unique("Mozilla/5.0 failed");
        mvc.perform(get("/login/oauth2/code/sunshine?code=c&state=s").header("X-Sunshine-Client-Address", "198.51.100.4")
                        .header("User-Agent", agent))
                .andExpect(status().is3xxRedirection()).andExpect(header().string(HttpHeaders.LOCATION, "/login?error"));
        Document failed = mongo.getCollection(AuditLog.SIGN_INS).find(new Document("userAgent", agent)).first();
        assertThat(failed).isNotNull();
        assertThat(failed.getString("event")).isEqualTo("SIGN_IN_FAILED");
        assertThat(failed.getString("detail")).isEqualTo("authorization_request_not_found");
        assertThat(failed.getString("address")).isEqualTo("198.51.100.4");
        assertThat(failed.get("scope", List.class)).containsExactly("-");

        String officer = unique("county-officer");
        mvc.perform(post("/logout").with(oidcLogin().oidcUser(user(officer, "应城市 县阳光办 王主任", "COUNTY_OFFICER", "420981", null)))
                .with(csrf()))
                // 退出 ends the provider's session too (RP-initiated logout), and the browser comes back to /signed-out.
                .andExpect(header().string(HttpHeaders.LOCATION, "http://localhost:9000/oidc/logout?id_token_hint=t"
                        + "&client_id=console&post_logout_redirect_uri=http://localhost/signed-out"))
                .andExpect(header().string("Content-Security-Policy",
                        org.hamcrest.Matchers.containsString("form-action 'self' http://localhost:9000;")));
        assertThat(signIns(officer)).singleElement().satisfies(e -> assertThat(e).containsEntry("event", "SIGNED_OUT")
                .containsEntry("name", "应城市 县阳光办 王主任").containsEntry("division", "420981"));
    }

    @Test
    void anExpiredSessionAndOneEndedByTheOperatorAreLoggedUnderTheirSignIn() throws Exception {
        String officer = unique("county-officer");
        OidcUser person = user(officer, "应城市 县阳光办 李科长", "COUNTY_OFFICER", "420981", null);
        List<String> handles = new ArrayList<>();
        for (Duration idle : List.of(Duration.ofMillis(300), Duration.ofMinutes(30))) {
            MongoSessionRepository.StoredSession s = sessions.createSession();
            s.setMaxInactiveInterval(idle);
            s.setAttribute("SPRING_SECURITY_CONTEXT", new SecurityContextImpl(new OAuth2AuthenticationToken(person,
                    person.getAuthorities(), "sunshine")));
            sessions.save(s);
            String handle = MongoSessionRepository.handle(s.getId());
            handles.add(handle);
            log.signIn("SIGNED_IN", AuditTrail.who(new OAuth2AuthenticationToken(person, person.getAuthorities(), "sunshine")),
                    new AuditLog.From("203.0.113.8", "Mozilla/5.0", handle), null);
        }
        Thread.sleep(400);
        sessions.deleteExpired();
        mvc.perform(post("/operator/sessions/" + handles.get(1) + "/end").with(oidcLogin().oidcUser(user("operator", "平台运维",
                "OPERATOR", "420000", null))).with(csrf())).andExpect(header().string(HttpHeaders.LOCATION, "/operator/sessions?ended=1"));

        List<Map<String, Object>> entries = signIns(officer);
        assertThat(entries).extracting(e -> e.get("event") + " " + e.get("session"))
                .contains("EXPIRED " + handles.get(0), "ENDED " + handles.get(1));
        assertThat(entries).filteredOn(e -> "ENDED".equals(e.get("event"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("detail", "operator").containsEntry("division", "420981"));

        // The operator's list links a session to its sign-in; the operator reads the login log, not the operation log.
        String html = mvc.perform(get("/audit/sign-ins?session=" + handles.get(1)).with(oidcLogin().oidcUser(user("operator", "平台运维",
                "OPERATOR", "420000", null)))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("登录", "被运维结束", "结束人：operator", "应城市 县阳光办 李科长", "203.0.113.8");
        mvc.perform(get("/audit/operations").with(oidcLogin().oidcUser(user("operator", "平台运维", "OPERATOR", "420000", null))))
                .andExpect(status().isNotFound());
    }

    @Test
    void eachReaderSeesTheirDivisionOnlyAndOthersNothing() throws Exception {
        String who = unique("officer");
        for (String division : List.of("420981", "420982")) {
            log.operation(new AuditLog.Who(who, who, null, List.of("COUNTY_OFFICER"), division, null),
                    new AuditLog.From("203.0.113.9", null, null), "POST", "/api/subsidy/claims/c-" + division + "/verification",
                    "/claims/c-" + division + "/decision", 200, null, "k-" + division);
        }
        String province = mvc.perform(get("/audit/operations?who=" + who).with(oidcLogin().oidcUser(AUDITOR)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(province).contains("c-420981", "c-420982", "共 2 条");
        String anlu = mvc.perform(get("/audit/operations?who=" + who).with(oidcLogin().oidcUser(user("auditor-anlu", "安陆市审计",
                "AUDITOR", "420982", null)))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(anlu).contains("c-420982", "共 1 条").doesNotContain("c-420981");
        for (String page : List.of("/audit/operations", "/audit/sign-ins", "/audit/operations.xlsx", "/audit/sign-ins.xlsx")) {
            mvc.perform(get(page).with(oidcLogin().oidcUser(user("county-officer-yingcheng", "王主任", "COUNTY_OFFICER", "420981", null))))
                    .andExpect(status().isNotFound());
        }
        String home = mvc.perform(get("/audit").with(oidcLogin().oidcUser(AUDITOR))).andReturn().getResponse().getContentAsString();
        assertThat(home).contains("id=\"card-sign-ins\"", "id=\"card-operations\"", "登录日志", "操作日志");
    }

    @Test
    void filtersPagesAndTheExportKeepTheSameList() throws Exception {
        String who = unique("finance");
        for (int i = 0; i < 53; i++) {
            log.operation(new AuditLog.Who(who, who, null, List.of("FINANCE_OFFICER"), "420981", null),
                    new AuditLog.From("203.0.113.10", null, null), "POST",
                    i % 2 == 0 ? "/api/subsidy/payment-runs" : "/api/subsidy/funds/deposits", "/finance/x", i < 50 ? 201 : 422,
                    i < 50 ? null : "amount-mismatch", "k-" + i);
        }
        String today = LocalDate.now(cn.sunshine.console.web.Formats.PROGRAMME_ZONE).toString();
        String html = mvc.perform(get("/audit/operations?who=" + who + "&from=" + today + "&to=" + today + "&path=/api/subsidy/payment")
                .with(oidcLogin().oidcUser(AUDITOR))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("共 27 条").doesNotContain("/api/subsidy/funds/deposits</code>");
        html = mvc.perform(get("/audit/operations?who=" + who + "&outcome=refused").with(oidcLogin().oidcUser(AUDITOR)))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("共 3 条", "amount-mismatch", "被拒绝");
        html = mvc.perform(get("/audit/operations?who=" + who + "&to=2000-01-01").with(oidcLogin().oidcUser(AUDITOR)))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("共 0 条");

        // 53 entries: two pages of 50, the pager keeping the filters.
        html = mvc.perform(get("/audit/operations?who=" + who).with(oidcLogin().oidcUser(AUDITOR)))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("共 53 条", "第 1 页，共 2 页", "href=\"/audit/operations?who=" + who + "&amp;page=1\"",
                "href=\"/audit/operations.xlsx?who=" + who + "\"");
        html = mvc.perform(get("/audit/operations?who=" + who + "&page=1").with(oidcLogin().oidcUser(AUDITOR)))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("第 2 页，共 2 页");
        assertThat(html.split("data-method=", -1)).hasSize(1 + 3);

        var r = mvc.perform(get("/audit/operations.xlsx?who=" + who + "&outcome=ok").with(oidcLogin().oidcUser(AUDITOR)))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(r.getHeader(HttpHeaders.CONTENT_DISPOSITION)).contains("attachment");
        assertThat(r.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.getContentAsByteArray()))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("时间");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("Time");
            assertThat(sheet.getLastRowNum()).isEqualTo(1 + 50);
            assertThat(sheet.getRow(2).getCell(4).getStringCellValue()).isEqualTo("POST");
            assertThat(sheet.getRow(2).getCell(7).getNumericCellValue()).isEqualTo(201);
            assertThat(sheet.getRow(2).getCell(3).getStringCellValue()).isEqualTo("420981 应城市");
        }
    }

    @Test
    void theRetentionRemovesOnlyWhatIsOlderAndIsNeverShorterThanSixMonths() {
        String who = unique("old");
        log.operation(new AuditLog.Who(who, who, null, List.of(), "420981", null), new AuditLog.From(null, null, null),
                "POST", "/api/x", "/x", 200, null, null);
        mongo.getCollection(AuditLog.OPERATIONS).updateOne(new Document("username", who),
                new Document("$set", new Document("at", java.util.Date.from(Instant.now().minus(Duration.ofDays(366))))));
        String recent = unique("recent");
        log.operation(new AuditLog.Who(recent, recent, null, List.of(), "420981", null), new AuditLog.From(null, null, null),
                "POST", "/api/x", "/x", 200, null, null);
        assertThat(log.removeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(operations(who)).isEmpty();
        assertThat(operations(recent)).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AuditLogProperties(Duration.ofDays(90)))
                .isInstanceOf(IllegalStateException.class);
    }
}
