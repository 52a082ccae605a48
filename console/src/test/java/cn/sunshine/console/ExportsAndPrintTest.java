package cn.sunshine.console;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.sunshine.console.PageTestSupport.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Lists as Excel (every record in scope with the page's filters, page by page; Chinese and English headers; money
 * as numbers; no cell a spreadsheet would run as a formula), the claims list filtered by base, and the claim's
 * approval sheet for A4.
 */
class ExportsAndPrintTest extends GatewayPageTest {

    static Map<String, Object> claim(int i, String base) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("claimId", "c-" + i);
        c.put("baseName", base);
        c.put("classId", "k-1");
        c.put("year", 2026);
        c.put("part", "COMPLETION");
        c.put("paymentMode", "REDUCED_FEE");
        c.put("status", "PAID");
        c.put("totalFen", 126050);
        c.put("payableFen", 126050);
        c.put("lines", List.of(Map.of()));
        c.put("submittedAt", "2026-06-05T01:00:00Z");
        c.put("paidAt", "2026-06-20T02:00:00Z");
        return c;
    }

    @Test
    void theClaimsInScopeDownloadAsExcelPageByPageAndFormulaSafe() throws Exception {
        List<Object> first = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            first.add(claim(i, i == 0 ? "=HYPERLINK(\"http://x\",\"点我\")" : "应城市职业教育中心"));
        }
        when(gateway.get("/api/subsidy/claims?status=PAID&baseId=b-1&size=500&page=0")).thenReturn(answer(Map.of("items", first, "total", 501)));
        when(gateway.get("/api/subsidy/claims?status=PAID&baseId=b-1&size=500&page=1")).thenReturn(answer(Map.of("items",
                List.of(claim(500, "汉川市技工学校")), "total", 501)));
        byte[] xlsx = mvc.perform(get("/claims/export.xlsx?status=PAID&baseId=b-1").with(oidcLogin().oidcUser(ConsoleWebTest.officer())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("培训基地");
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("Training base");
            assertThat(sheet.getLastRowNum()).as("two header rows and 501 claims").isEqualTo(502);
            Row row = sheet.getRow(2);
            assertThat(row.getCell(1).getStringCellValue()).startsWith("'=HYPERLINK");
            assertThat(row.getCell(7).getNumericCellValue()).isEqualTo(1260.50);
            assertThat(row.getCell(7).getCellStyle().getDataFormatString()).contains("¥#,##0.00");
            assertThat(row.getCell(9).getStringCellValue()).isEqualTo("已拨付");
            assertThat(sheet.getRow(502).getCell(1).getStringCellValue()).isEqualTo("汉川市技工学校");
        }
    }

    @Test
    void theClaimsListFiltersByBaseAndTheDownloadKeepsTheFilters() throws Exception {
        when(gateway.get("/api/subsidy/claims?size=50&page=0&status=PAID&baseId=b-1")).thenReturn(answer(Map.of("items",
                List.of(claim(1, "应城市职业教育中心")), "total", 1)));
        when(gateway.get("/api/enrollment/bases?size=200")).thenReturn(answer(Map.of("items", List.of(
                Map.of("baseId", "b-1", "name", "应城市职业教育中心"), Map.of("baseId", "b-2", "name", "应城市技工学校")))));
        String html = html("/claims?status=PAID&baseId=b-1", ConsoleWebTest.officer());
        assertThat(html).contains("<option value=\"b-1\" selected=\"selected\">应城市职业教育中心</option>", "应城市技工学校",
                "/claims/export.xlsx?status=PAID&amp;baseId=b-1", "导出 Excel");
        verify(gateway).get("/api/subsidy/claims?size=50&page=0&status=PAID&baseId=b-1");

        // By programme year and part too, kept by the download; a year or part that is not one is not passed on.
        when(gateway.get("/api/subsidy/claims?size=50&page=0&year=2026&part=PLACEMENT")).thenReturn(answer(Map.of("items",
                List.of(claim(2, "应城市技工学校")), "total", 1)));
        String byYear = html("/claims?year=2026&part=PLACEMENT", ConsoleWebTest.officer());
        assertThat(byYear).contains("year=2026&amp;part=PLACEMENT\">导出 Excel", "<option value=\"PLACEMENT\" selected=\"selected\">");
        when(gateway.get("/api/subsidy/claims?size=50&page=0")).thenReturn(answer(Map.of("items", List.of(), "total", 0)));
        mvc.perform(get("/claims?year=20x6&part=ALL").with(oidcLogin().oidcUser(ConsoleWebTest.officer()))).andExpect(status().isOk());
        verify(gateway).get("/api/subsidy/claims?size=50&page=0");
    }

    @Test
    void theClassesDownloadAsExcel() throws Exception {
        when(gateway.get("/api/enrollment/classes?status=OPENED&size=500&page=0")).thenReturn(answer(Map.of("items", List.of(
                Map.of("baseName", "应城市职业教育中心", "majorName", "电焊", "plannedStart", "2026-04-15", "plannedEnd", "2026-05-30",
                        "place", Map.of("town", "杨河镇", "village", "三合村", "address", "三合村村委会"), "trainingForm", "FREE",
                        "capacity", 30, "enrolled", 28, "feeFen", 0, "status", "OPENED")), "total", 1)));
        byte[] xlsx = mvc.perform(get("/classes/export.xlsx?status=OPENED").with(oidcLogin().oidcUser(ConsoleWebTest.officer())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Row row = wb.getSheetAt(0).getRow(2);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("应城市职业教育中心");
            assertThat(row.getCell(2).getStringCellValue()).isEqualTo("2026年4月15日");
            assertThat(row.getCell(9).getNumericCellValue()).isEqualTo(28);
            assertThat(row.getCell(11).getStringCellValue()).isEqualTo("已开班");
        }
    }

    @Test
    void theApprovalSheetHoldsTheClaimItsLinesAndEachDecisionForA4() throws Exception {
        Map<String, Object> c = ConsoleWebTest.claim("APPROVED", "RECHECK");
        Map<String, Object> claim = new LinkedHashMap<>(c);
        claim.put("decisions", List.of(Map.of("stage", "VERIFICATION", "approved", true, "by", "o-1", "byName", "张主任",
                "at", "2026-06-06T01:00:00Z", "reason", "已核对台帐"), Map.of("stage", "APPROVAL", "approved", true, "by", "l-1",
                "byName", "李副市长", "at", "2026-06-07T01:00:00Z")));
        when(gateway.get("/api/subsidy/claims/c-1")).thenReturn(answer(claim));
        String html = html("/claims/c-1/sheet", ConsoleWebTest.leader());
        assertThat(html).contains("阳光工程补助资金审批表", "应城市职业教育中心", "李明", "420981********123X", "¥1,260.00",
                "核准", "张主任", "已核对台帐", "审批", "李副市长", "签字", "data-print", "class=\"sheet-page\"")
                .doesNotContain("<script>").doesNotContain("style=\"");
    }
}
