package cn.sunshine.console.export;

import cn.sunshine.console.GatewayPageTest;
import cn.sunshine.console.api.ApiException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import static cn.sunshine.console.PageTestSupport.fields;
import static cn.sunshine.console.PageTestSupport.answer;
import static cn.sunshine.console.PageTestSupport.page;
import static cn.sunshine.console.PageTestSupport.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The escalation cases, spot checks, recoveries, employers' orders and complaints as Excel: every record the API
 * gives the person (a second page read when there are more than 500), both header rows, values as the page writes
 * them; the list's readers only (anyone else: not found, as on the page); a filter value that is not one of the
 * list's is not passed to the API.
 */
class MoreExportsTest extends GatewayPageTest {

    static final OidcUser OFFICER = user("county-officer-yingcheng", "COUNTY_OFFICER", "420981", null);
    static final OidcUser FINANCE = user("finance-officer-yingcheng", "FINANCE_OFFICER", "420981", null);
    static final OidcUser BASE_STAFF = user("base-staff-1", "BASE_STAFF", "420981", "b-1");

    /** A list of 501 records as the API answers it: 500 on the first page, one on the second. */
    void twoPages(String path, IntFunction<Map<String, Object>> record) {
        List<Object> first = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            first.add(record.apply(i));
        }
        String sep = path.endsWith("?") ? "" : "&";
        when(gateway.get(path + sep + "size=500&page=0")).thenReturn(answer(Map.of("items", first, "page", 0, "size", 500, "total", 501)));
        when(gateway.get(path + sep + "size=500&page=1")).thenReturn(answer(Map.of("items", List.of(record.apply(500)),
                "page", 1, "size", 500, "total", 501)));
    }

    XSSFWorkbook download(String url, OidcUser who) throws Exception {
        byte[] xlsx = mvc.perform(get(url).with(oidcLogin().oidcUser(who)))
                .andExpect(status().isOk()).andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(header().string("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .andReturn().getResponse().getContentAsByteArray();
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
    }

    static String text(Row row, int cell) {
        Cell c = row.getCell(cell);
        return c == null ? "" : c.getStringCellValue();
    }

    /** The sheet's two header rows at {@code column}: the heading in Chinese, then in English. */
    static void headed(Sheet sheet, int column, String chinese, String english) {
        assertThat(text(sheet.getRow(0), column)).isEqualTo(chinese);
        assertThat(text(sheet.getRow(1), column)).isEqualTo(english);
    }

    static String all(Sheet sheet) {
        StringBuilder out = new StringBuilder();
        for (Row row : sheet) {
            for (Cell c : row) {
                out.append(c.toString()).append('|');
            }
        }
        return out.toString();
    }

    static Map<String, Object> escalation(int i) {
        return fields("id", "e-" + i, "traineeName", i == 500 ? "王芳" : "李明", "employerName", "应城市双环机械制造有限公司",
                "problems", List.of("UNPAID_WAGES", "NO_CONTRACT"), "unpaidWagesFen", 320000, "status", "RESOLVED",
                "openedAt", "2026-04-15T02:00:00Z", "resolution", "已协调支付", "recoveredWagesFen", 320000,
                "resolvedAt", "2026-05-06T02:00:00Z");
    }

    @Test
    void theEscalationCasesDownloadPageByPage() throws Exception {
        twoPages("/api/placement/escalations?status=RESOLVED", MoreExportsTest::escalation);
        try (XSSFWorkbook wb = download("/escalations/export.xlsx?status=RESOLVED", OFFICER)) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("维权案件（已办结）");
            headed(sheet, 0, "案件编号", "Case no.");
            assertThat(sheet.getLastRowNum()).as("two header rows and 501 cases").isEqualTo(502);
            Row row = sheet.getRow(2);
            assertThat(text(row, 1)).isEqualTo("李明");
            assertThat(text(row, 3)).isEqualTo("拖欠工资、未签劳动合同");
            assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(3200.0);
            assertThat(text(row, 6)).isEqualTo("已办结");
            assertThat(text(row, 7)).isEqualTo("2026年4月15日");
            assertThat(text(row, 10)).isEqualTo("2026年5月6日");
            assertThat(text(sheet.getRow(502), 1)).isEqualTo("王芳");
        }
    }

    @Test
    void theEscalationsAreTheirPagesReadersAndAStatusNotTheirsIsNotPassedOn() throws Exception {
        when(gateway.get("/api/placement/escalations?status=OPEN&size=500&page=0")).thenReturn(page(escalation(1)));
        mvc.perform(get("/escalations/export.xlsx?status=DROP%20TABLE").with(oidcLogin().oidcUser(BASE_STAFF))).andExpect(status().isOk());
        verify(gateway).get("/api/placement/escalations?status=OPEN&size=500&page=0");
        mvc.perform(get("/escalations/export.xlsx").with(oidcLogin().oidcUser(FINANCE))).andExpect(status().isNotFound());
    }

    @Test
    void theEscalationsPageLinksItsDownloadWithItsFilter() throws Exception {
        when(gateway.get("/api/placement/escalations?status=RESOLVED&size=50&page=0")).thenReturn(page(escalation(1)));
        String html = html("/escalations?status=RESOLVED", OFFICER);
        assertThat(html).contains("/escalations/export.xlsx?status=RESOLVED", "导出 Excel");
    }

    static Map<String, Object> spotCheck(int i) {
        return fields("id", "s-" + i, "baseId", i == 500 ? "b-9" : "b-1", "divisionCode", "420981",
                "periodFrom", "2026-01-01", "periodTo", "2026-06-30", "population", 40, "sampled", 2,
                "status", "CONCLUDED", "roundId", "r-1", "drawnAt", "2026-07-01T01:00:00Z",
                "concludedAt", "2026-07-10T01:00:00Z",
                "items", List.of(Map.of("traineeName", "李明", "phone", "13800000000")));
    }

    @Test
    void theSpotChecksOfARoundDownloadWithTheBasesNamed() throws Exception {
        twoPages("/api/placement/spot-checks?roundId=r-1", MoreExportsTest::spotCheck);
        when(gateway.get("/api/enrollment/bases?size=200")).thenReturn(page(Map.of("baseId", "b-1", "name", "应城市职业教育中心")));
        try (XSSFWorkbook wb = download("/spot-checks/export.xlsx?round=r-1", OFFICER)) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(text(sheet.getRow(0), 3)).isEqualTo("培训基地");
            assertThat(text(sheet.getRow(1), 4)).isEqualTo("Period from");
            assertThat(sheet.getLastRowNum()).isEqualTo(502);
            Row row = sheet.getRow(2);
            assertThat(text(row, 0)).isEqualTo("s-0");
            assertThat(text(row, 3)).isEqualTo("应城市职业教育中心");
            assertThat(text(row, 4)).isEqualTo("2026年1月1日");
            assertThat(row.getCell(7).getNumericCellValue()).isEqualTo(2.0);
            assertThat(text(row, 8)).isEqualTo("已结束");
            assertThat(text(sheet.getRow(502), 3)).as("a base not in the list: its id").isEqualTo("b-9");
            assertThat(all(sheet)).as("the sample's phones are not written").doesNotContain("13800000000");
        }
    }

    @Test
    void theSpotChecksAreTheCountyOfficersAndARoundNotAnIdIsNotPassedOn() throws Exception {
        when(gateway.get("/api/placement/spot-checks?size=500&page=0")).thenReturn(page(spotCheck(1)));
        mvc.perform(get("/spot-checks/export.xlsx").param("round", "r-1&baseId=b-2").with(oidcLogin().oidcUser(OFFICER)))
                .andExpect(status().isOk());
        verify(gateway).get("/api/placement/spot-checks?size=500&page=0");
        mvc.perform(get("/spot-checks/export.xlsx").with(oidcLogin().oidcUser(BASE_STAFF))).andExpect(status().isNotFound());
    }

    static Map<String, Object> recovery(String id, String base, String status, String findingId) {
        return fields("recoveryId", id, "baseId", base,
                "items", List.of(Map.of("enrollmentId", "en-1"), Map.of("enrollmentId", "en-2")), "amountFen", 252000,
                "reason", "就业抽查发现问题", "findingId", findingId, "status", status, "orderedAt", "2026-07-12T01:00:00Z",
                "settledAt", "SETTLED".equals(status) ? "2026-07-20T01:00:00Z" : null,
                "settlementReference", "SETTLED".equals(status) ? "HB-2026-0001" : null);
    }

    void recoveries() {
        when(gateway.get("/api/enrollment/bases?size=200")).thenReturn(page(Map.of("baseId", "b-1", "name", "应城市职业教育中心"),
                Map.of("baseId", "b-2", "name", "应城市技工学校")));
        when(gateway.getEach(List.of("/api/subsidy/bases/b-1/recoveries", "/api/subsidy/bases/b-2/recoveries"))).thenReturn(List.of(
                answer(List.of(recovery("rc-1", "b-1", "SETTLED", "f-1"))),
                answer(List.of(recovery("rc-2", "b-2", "OPEN", null)))));
    }

    @Test
    void theRecoveriesOfEveryBaseDownloadFilteredByStatus() throws Exception {
        recoveries();
        try (XSSFWorkbook wb = download("/recoveries/export.xlsx?status=SETTLED", FINANCE)) {
            Sheet sheet = wb.getSheetAt(0);
            headed(sheet, 0, "追回单号", "Recovery no.");
            assertThat(sheet.getLastRowNum()).as("the settled order only").isEqualTo(2);
            Row row = sheet.getRow(2);
            assertThat(text(row, 0)).isEqualTo("rc-1");
            assertThat(text(row, 2)).isEqualTo("应城市职业教育中心");
            assertThat(text(row, 3)).isEqualTo("抽查发现");
            assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(2.0);
            assertThat(row.getCell(6).getNumericCellValue()).isEqualTo(2520.0);
            assertThat(text(row, 7)).isEqualTo("已结清");
            assertThat(text(row, 8)).isEqualTo("HB-2026-0001");
        }
    }

    @Test
    void theRecoveriesWithAStatusNotTheirsAreAllOfThemAndNotTheBaseStaffs() throws Exception {
        recoveries();
        try (XSSFWorkbook wb = download("/recoveries/export.xlsx?status=PAID", OFFICER)) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
        }
        mvc.perform(get("/recoveries/export.xlsx").with(oidcLogin().oidcUser(BASE_STAFF))).andExpect(status().isNotFound());
    }

    @Test
    void aLedgerOfRecoveriesWithABaseUnreadIsNotHandedOutShort() throws Exception {
        when(gateway.get("/api/enrollment/bases?size=200")).thenReturn(page(Map.of("baseId", "b-1", "name", "应城市职业教育中心"),
                Map.of("baseId", "b-2", "name", "应城市技工学校")));
        when(gateway.getEach(List.of("/api/subsidy/bases/b-1/recoveries", "/api/subsidy/bases/b-2/recoveries"))).thenReturn(List.of(
                answer(List.of(recovery("rc-1", "b-1", "SETTLED", "f-1"))), new ApiException(502, null, "down", Map.of())));
        mvc.perform(get("/recoveries/export.xlsx").with(oidcLogin().oidcUser(OFFICER))).andExpect(status().isServiceUnavailable());
    }

    static Map<String, Object> order(int i) {
        return fields("id", "o-" + i, "employerName", i == 500 ? "孝感市三江物流有限公司" : "应城市双环机械制造有限公司",
                "employerCreditCode", "91420981MA4F000001", "baseId", "b-1", "year", 2025,
                "positions", List.of(Map.of("majorCode", "WELDING", "count", 20, "monthlyWageFen", 480000, "place", "应城市", "placed", 12), Map.of("majorCode", "FORKLIFT", "count", 5, "monthlyWageFen", 450000, "place", "孝感市", "placed", 3)),
                "classIds", List.of("k-1"), "createdAt", "2025-03-02T01:00:00Z");
    }

    @Test
    void theOrdersOfAYearDownloadPageByPage() throws Exception {
        twoPages("/api/placement/orders?year=2025", MoreExportsTest::order);
        when(gateway.get("/api/enrollment/bases?size=200")).thenReturn(page(Map.of("baseId", "b-1", "name", "应城市职业教育中心")));
        try (XSSFWorkbook wb = download("/orders/export.xlsx?year=2025", OFFICER)) {
            Sheet sheet = wb.getSheetAt(0);
            headed(sheet, 1, "用工单位", "Employer");
            assertThat(sheet.getLastRowNum()).isEqualTo(502);
            Row row = sheet.getRow(2);
            assertThat(text(row, 3)).isEqualTo("应城市职业教育中心");
            assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(2025.0);
            assertThat(text(row, 5)).isEqualTo("WELDING × 20 · ¥4,800.00 · 应城市；FORKLIFT × 5 · ¥4,500.00 · 孝感市");
            assertThat(row.getCell(6).getNumericCellValue()).isEqualTo(25.0);
            assertThat(row.getCell(7).getNumericCellValue()).isEqualTo(15.0);
            assertThat(row.getCell(8).getNumericCellValue()).isEqualTo(1.0);
            assertThat(text(row, 9)).isEqualTo("2025年3月2日");
            assertThat(text(sheet.getRow(502), 1)).isEqualTo("孝感市三江物流有限公司");
        }
    }

    @Test
    void anOrdersYearNotAYearIsTheCurrentYearAndTheListIsNotFinances() throws Exception {
        int now = LocalDate.now(cn.sunshine.console.web.Formats.PROGRAMME_ZONE).getYear();
        when(gateway.get("/api/placement/orders?year=" + now + "&size=500&page=0")).thenReturn(page(order(1)));
        mvc.perform(get("/orders/export.xlsx").param("year", "2025&baseId=b-2").with(oidcLogin().oidcUser(BASE_STAFF)))
                .andExpect(status().isOk());
        verify(gateway).get("/api/placement/orders?year=" + now + "&size=500&page=0");
        mvc.perform(get("/orders/export.xlsx").with(oidcLogin().oidcUser(FINANCE))).andExpect(status().isNotFound());
    }

    static Map<String, Object> complaint(int i) {
        return fields("id", "cp-" + i, "channel", "HOTLINE",
                "complainant", Map.of("name", "张**", "phone", "138****0000", "masked", true),
                "statement", "培训班实际只上了三天课",
                "subject", Map.of("type", "BASE", "baseId", "b-1", "description", "应城市职业教育中心"), "status", "ASSIGNED",
                "receivedAt", "2026-04-15T01:00:00Z", "answerDue", "2026-05-15", "dueDate", "2026-04-20",
                "overdue", i == 500, "handler", "county-officer-yingcheng", "handlerName", "张主任");
    }

    @Test
    void theComplaintsDownloadPageByPageTheOverdueFirstWithoutTheComplainant() throws Exception {
        twoPages("/api/accreditation/complaints?status=ASSIGNED&overdue=true", MoreExportsTest::complaint);
        try (XSSFWorkbook wb = download("/accreditation/complaints/export.xlsx?status=ASSIGNED&overdue=true", OFFICER)) {
            Sheet sheet = wb.getSheetAt(0);
            headed(sheet, 0, "举报编号", "Complaint no.");
            assertThat(sheet.getLastRowNum()).isEqualTo(502);
            Row first = sheet.getRow(2);
            assertThat(text(first, 0)).as("the overdue first").isEqualTo("cp-500");
            assertThat(text(first, 7)).isEqualTo("已逾期");
            Row row = sheet.getRow(3);
            assertThat(text(row, 1)).isEqualTo("2026年4月15日 09:00");
            assertThat(text(row, 2)).isEqualTo("电话举报");
            assertThat(text(row, 3)).isEqualTo("培训基地");
            assertThat(text(row, 5)).isEqualTo("已分派");
            assertThat(text(row, 6)).isEqualTo("2026年4月20日");
            assertThat(text(row, 7)).isEmpty();
            assertThat(text(row, 9)).isEqualTo("张主任");
            assertThat(all(sheet)).doesNotContain("138****0000", "张**", "三天课");
        }
    }

    @Test
    void theComplaintsAreTheOfficersAndAStatusNotTheirsIsNotPassedOn() throws Exception {
        when(gateway.get("/api/accreditation/complaints?size=500&page=0")).thenReturn(page(complaint(1)));
        mvc.perform(get("/accreditation/complaints/export.xlsx").param("status", "ASSIGNED&division=110101").param("overdue", "yes")
                .with(oidcLogin().oidcUser(OFFICER))).andExpect(status().isOk());
        verify(gateway).get("/api/accreditation/complaints?size=500&page=0");
        mvc.perform(get("/accreditation/complaints/export.xlsx").with(oidcLogin().oidcUser(BASE_STAFF))).andExpect(status().isNotFound());
    }

    @Test
    void theListPagesLinkTheirDownloadsWithTheirFilters() throws Exception {
        when(gateway.get("/api/accreditation/complaints?size=50&page=0&status=ASSIGNED&overdue=true")).thenReturn(page(complaint(1)));
        String complaints = html("/accreditation/complaints?status=ASSIGNED&overdue=true", OFFICER);
        assertThat(complaints).contains("/accreditation/complaints/export.xlsx?status=ASSIGNED&amp;overdue=true");
        when(gateway.get("/api/placement/spot-checks?size=50&page=0")).thenReturn(page(spotCheck(1)));
        when(gateway.get("/api/enrollment/bases?size=200")).thenReturn(page(Map.of("baseId", "b-1", "name", "应城市职业教育中心")));
        String checks = html("/spot-checks", OFFICER);
        assertThat(checks).contains("id=\"export-spot-checks\"", "/spot-checks/export.xlsx");
        when(gateway.get("/api/placement/orders?year=2025&size=50&page=0")).thenReturn(page(order(1)));
        String orders = html("/orders?year=2025", OFFICER);
        assertThat(orders).contains("/orders/export.xlsx?year=2025");
        recoveries();
        String recoveries = html("/recoveries?status=OPEN", OFFICER);
        assertThat(recoveries).contains("/recoveries/export.xlsx?status=OPEN");
    }
}
