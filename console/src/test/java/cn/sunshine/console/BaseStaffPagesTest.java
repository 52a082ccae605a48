package cn.sunshine.console;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.nio.charset.StandardCharsets;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Base staff's pages with the gateway played by a mock: a class with its trainees, the roster import (a refused
 * file's rows named in the page; a good file imported, sent as it came with an Idempotency-Key), one trainee at the
 * desk, the ledger passed through as a download, reporting a class (yuan → fen, the API's field messages under
 * their fields), and a claim of the class's redeemed vouchers.
 */
class BaseStaffPagesTest extends GatewayPageTest {

    static OidcUser staff() {
        return user(Map.of("sub",
                "base-staff-b1", "name", "应城市职业教育中心 报名员", "preferred_username", "base-staff-b1",
                "roles", List.of("BASE_STAFF"), "division", "420981", "baseId", "b-1"));
    }

    @BeforeEach
    void aClassOfTheBase() {
        when(gateway.get("/api/enrollment/classes/k-1")).thenReturn(answer(Map.ofEntries(Map.entry("id", "k-1"),
                Map.entry("baseId", "b-1"), Map.entry("baseName", "应城市职业教育中心"), Map.entry("majorName", "电焊"),
                Map.entry("status", "OPENED"), Map.entry("plannedStart", "2026-04-15"), Map.entry("plannedEnd", "2026-05-30"),
                Map.entry("place", Map.of("town", "杨河镇", "village", "三合村", "address", "三合村村委会")),
                Map.entry("trainingForm", "FREE"), Map.entry("capacity", 30), Map.entry("feeFen", 0), Map.entry("enrolled", 1))));
        when(gateway.get("/api/enrollment/classes/k-1/enrollments?size=500")).thenReturn(answer(Map.of("items", List.of(
                Map.of("id", "e-1", "status", "COMPLETED", "rosterCheck", "VERIFIED", "subsidyTier", "TIER_2", "subsidyFen", 20000,
                        "trainee", Map.of("name", "李明", "idNumber", "420981********123X"))), "total", 1)));
        when(gateway.get("/api/subsidy/classes/k-1/vouchers")).thenReturn(answer(List.of(
                Map.of("serial", "420981-2026-000001", "enrollmentId", "e-1", "status", "REDEEMED", "traineeName", "李明",
                        "maskedIdNumber", "420981********123X", "amountFen", 20000),
                Map.of("serial", "420981-2026-000002", "enrollmentId", "e-9", "status", "ISSUED", "traineeName", "王芳",
                        "maskedIdNumber", "420981********1234", "amountFen", 20000))));
        when(gateway.get("/api/subsidy/claims?size=200&baseId=b-1")).thenReturn(answer(Map.of("items", List.of(
                Map.of("claimId", "c-7", "classId", "k-1", "part", "COMPLETION", "status", "VERIFIED", "totalFen", 40000,
                        "submittedAt", "2026-06-05T01:00:00Z", "lines", List.of(Map.of(), Map.of())),
                Map.of("claimId", "c-8", "classId", "k-2", "part", "COMPLETION", "status", "PAID", "totalFen", 1,
                        "submittedAt", "2026-06-05T01:00:00Z", "lines", List.of())), "total", 2)));
    }

    @Test
    void theClassPageShowsTraineesTheImportTheLedgerAndWhereEachClaimStands() throws Exception {
        String html = html("/classes/k-1", staff());
        assertThat(html).contains("李明", "420981********123X", "导入名册", "上传并导入", "单个报名", "下载台帐（Excel）",
                "/classes/k-1/ledger?format=xlsx", "420981-2026-000001", "申请补助", "data-claim-id=\"c-7\"", "待审批")
                .doesNotContain("420981-2026-000002", "data-claim-id=\"c-8\"");
        assertThat(html.split("name=\"idempotencyKey\"", -1).length - 1).as("every creating form carries its key").isEqualTo(3);
    }

    @Test
    void aRefusedRosterNamesEachBadRowAndImportsNothing() throws Exception {
        when(gateway.postBytes(eq("/api/enrollment/classes/k-1/roster"), any(), any(), any())).thenThrow(new ApiException(422,
                "urn:sunshine:problem:roster-rejected", "The roster has bad rows", Map.of(),
                List.of(Map.of("row", 3, "field", "idNumber", "message", "the check character does not match"))));
        String html = mvc.perform(multipart("/classes/k-1/roster").file(new MockMultipartFile("file", "名册.csv", "text/csv",
                                "姓名,性别\n".getBytes(StandardCharsets.UTF_8))).param("idempotencyKey", "k-a")
                        .with(oidcLogin().oidcUser(staff())).with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"row-report\"", "第 3 行", "身份证号", "the check character does not match",
                "名册“名册.csv”有 1 处问题", "整份名册都未导入", "data-kind=\"INVALID\"").doesNotContain("<html");
    }

    @Test
    void aGoodRosterIsSentAsItCameWithItsIdempotencyKey() throws Exception {
        when(gateway.postBytes(eq("/api/enrollment/classes/k-1/roster"), any(), any(), any()))
                .thenReturn(answer(Map.of("classId", "k-1", "imported", 2)));
        byte[] file = "姓名,性别,身份证号\n李明,男,42098119900101123X\n".getBytes(StandardCharsets.UTF_8);
        mvc.perform(multipart("/classes/k-1/roster").file(new MockMultipartFile("file", "roster.csv", "text/csv", file))
                        .param("idempotencyKey", "key-1").with(oidcLogin().oidcUser(staff())).with(csrf()).header("HX-Request", "true"))
                .andExpect(header().string("HX-Redirect", "/classes/k-1?imported=2"));
        ArgumentCaptor<byte[]> bytes = ArgumentCaptor.forClass(byte[].class);
        ArgumentCaptor<MediaType> type = ArgumentCaptor.forClass(MediaType.class);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Consumer<HttpHeaders>> headers = ArgumentCaptor.forClass(Consumer.class);
        verify(gateway).postBytes(eq("/api/enrollment/classes/k-1/roster"), bytes.capture(), type.capture(), headers.capture());
        assertThat(bytes.getValue()).isEqualTo(file);
        assertThat(type.getValue().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
        HttpHeaders sent = new HttpHeaders();
        headers.getValue().accept(sent);
        assertThat(sent.getFirst("Idempotency-Key")).isEqualTo("key-1");

        String html = mvc.perform(get("/classes/k-1?imported=2").with(oidcLogin().oidcUser(staff())))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("已导入 2 名学员");
    }

    @Test
    void aFileThatIsNotARosterIsRefusedHereAndNeverSent() throws Exception {
        String html = mvc.perform(multipart("/classes/k-1/roster").file(new MockMultipartFile("file", "photo.png", "image/png",
                                new byte[] {1, 2, 3})).param("idempotencyKey", "k").with(oidcLogin().oidcUser(staff())).with(csrf())
                        .header("HX-Request", "true"))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("名册须为 CSV 或 Excel（.xlsx）文件");
        verify(gateway, never()).postBytes(anyString(), any(), any(), any());
    }

    @Test
    void aTraineeAtTheDeskAlreadyEnrolledElsewhereIsToldWhere() throws Exception {
        when(gateway.post(eq("/api/enrollment/classes/k-1/enrollments"), any(), any())).thenThrow(new ApiException(409,
                "urn:sunshine:problem:already-enrolled", "already enrolled this year at 安陆市某基地 (420982)", Map.of()));
        String html = mvc.perform(post("/classes/k-1/enrollments").with(oidcLogin().oidcUser(staff())).with(csrf())
                        .header("HX-Request", "true").param("idempotencyKey", "k-2").param("name", "张伟")
                        .param("idNumber", "420981199003152314").param("subsidyYuan", "200").param("ruralHousehold", "true"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("安陆市某基地", "data-kind=\"INVALID\"", "value=\"张伟\"");
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Object>> body = ArgumentCaptor.forClass(Map.class);
        verify(gateway).post(eq("/api/enrollment/classes/k-1/enrollments"), body.capture(), any());
        assertThat(body.getValue()).containsEntry("subsidyFen", 20000L).containsEntry("ruralHousehold", true)
                .containsEntry("idNumber", "420981199003152314");
    }

    @Test
    void theLedgerIsPassedThroughAsADownload() throws Exception {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        when(gateway.download("/api/enrollment/classes/k-1/ledger?format=xlsx")).thenReturn(new Gateway.Download(new byte[] {80, 75, 3, 4}, h));
        var r = mvc.perform(get("/classes/k-1/ledger?format=xlsx").with(oidcLogin().oidcUser(staff())))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(r.getContentAsByteArray()).containsExactly(80, 75, 3, 4);
        assertThat(r.getHeader(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment;").contains(".xlsx");
        assertThat(r.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
    }

    @Test
    void reportingAClassSendsFenAndShowsTheApisMessagesUnderTheirFields() throws Exception {
        when(gateway.get("/api/enrollment/bases/b-1")).thenReturn(answer(Map.of("majors", List.of(
                Map.of("majorCode", "WELDING", "majorName", "电焊")))));
        String form = html("/classes/new", staff());
        assertThat(form).contains("申报开班", "电焊", "data-disable-in-flight");
        when(gateway.post(eq("/api/enrollment/classes"), any(), any())).thenThrow(new ApiException(400,
                "urn:sunshine:problem:validation", "Invalid request", Map.of("place.town", "must not be blank")));
        String html = mvc.perform(post("/classes/new").with(oidcLogin().oidcUser(staff())).with(csrf())
                        .param("idempotencyKey", "k-3").param("majorCode", "WELDING").param("plannedStart", "2026-07-06")
                        .param("plannedEnd", "2026-08-14").param("address", "三合村村委会").param("trainingForm", "FREE")
                        .param("capacity", "30").param("feeYuan", "1,260.50"))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"town-error\"", "must not be blank", "value=\"三合村村委会\"");
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Object>> body = ArgumentCaptor.forClass(Map.class);
        verify(gateway).post(eq("/api/enrollment/classes"), body.capture(), any());
        assertThat(body.getValue()).containsEntry("feeFen", 126050L).containsEntry("capacity", 30);

        org.mockito.Mockito.doReturn(answer(Map.of("id", "k-9"))).when(gateway).post(eq("/api/enrollment/classes"), any(), any());
        mvc.perform(post("/classes/new").with(oidcLogin().oidcUser(staff())).with(csrf()).param("idempotencyKey", "k-4")
                        .param("majorCode", "WELDING").param("town", "杨河镇"))
                .andExpect(status().is3xxRedirection()).andExpect(header().string(HttpHeaders.LOCATION, "/classes/k-9?reported=1"));
    }

    @Test
    void aClaimOfTheChosenVouchersGoesWithItsDocumentsAndKeyAndOpensTheClaim() throws Exception {
        when(gateway.post(eq("/api/subsidy/claims"), any(), any())).thenReturn(answer(Map.of("claimId", "c-9")));
        when(gateway.postFile(eq("/api/subsidy/classes/k-1/claim-attachments"), eq(Map.of("kind", "FEE_RECEIPT")), any(), any(), any()))
                .thenReturn(answer(Map.of("id", "a-1")));
        when(gateway.postFile(eq("/api/subsidy/classes/k-1/claim-attachments"), eq(Map.of("kind", "ID_COPY")), any(), any(), any()))
                .thenReturn(answer(Map.of("id", "a-2")));
        byte[] pdf = "%PDF-1.4 收据".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        mvc.perform(multipart("/classes/k-1/claims").file(new MockMultipartFile("doc-FEE_RECEIPT", "收据.pdf", "application/pdf", pdf))
                        .file(new MockMultipartFile("doc-ID_COPY", "身份证.pdf", "application/pdf", pdf))
                        .with(oidcLogin().oidcUser(staff())).with(csrf()).header("HX-Request", "true")
                        .param("idempotencyKey", "k-5").param("serial", "420981-2026-000001").param("part", "COMPLETION"))
                .andExpect(header().string("HX-Redirect", "/claims/c-9?submitted=1"));
        verify(gateway).postFile(eq("/api/subsidy/classes/k-1/claim-attachments"), eq(Map.of("kind", "FEE_RECEIPT")),
                eq("收据.pdf"), eq(pdf), any());
        verify(gateway).post(eq("/api/subsidy/claims"), eq(Map.of("classId", "k-1", "voucherSerials",
                List.of("420981-2026-000001"), "part", "COMPLETION", "attachmentIds", List.of("a-1", "a-2"))), any());
        String none = mvc.perform(post("/classes/k-1/claims").with(oidcLogin().oidcUser(staff())).with(csrf())
                        .header("HX-Request", "true").param("idempotencyKey", "k-6"))
                .andReturn().getResponse().getContentAsString();
        assertThat(none).contains("请至少选择一张代金券");
        // the vouchers chosen but a document missing: nothing is sent, the form says what is needed
        String missing = mvc.perform(multipart("/classes/k-1/claims").file(new MockMultipartFile("doc-FEE_RECEIPT", "收据.pdf",
                        "application/pdf", pdf)).with(oidcLogin().oidcUser(staff())).with(csrf()).header("HX-Request", "true")
                        .param("idempotencyKey", "k-7").param("serial", "420981-2026-000001").param("part", "COMPLETION"))
                .andReturn().getResponse().getContentAsString();
        assertThat(missing).contains("请为所选补助类别上传全部所需材料");
        verify(gateway).post(eq("/api/subsidy/claims"), any(), any());
    }
}
