package cn.sunshine.console.year;

import cn.sunshine.console.GatewayPageTest;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import static cn.sunshine.console.PageTestSupport.answer;
import static cn.sunshine.console.PageTestSupport.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The follow-ups list as Excel: every placement due in scope, both header rows, the wage as yuan; others not found. */
class FollowUpsExportTest extends GatewayPageTest {

    @Test
    void theOverdueFollowUpsDownloadAsAWorkbook() throws Exception {
        when(gateway.get("/api/placement/follow-ups?state=OVERDUE&size=500&page=0")).thenReturn(answer(Map.of("items", List.of(
                Map.of("id", "p-1", "traineeName", "李明", "maskedIdNumber", "420981********123X", "job", "电焊工",
                        "employer", Map.of("name", "应城市双环机械制造有限公司", "hrPhone", "0712-3251234"),
                        "monthlyWageFen", 480000, "startDate", "2026-06-15", "workplace", "HOME_COUNTY", "nextDueOn", "2026-07-15")),
                "total", 1)));
        byte[] xlsx = mvc.perform(get("/follow-ups/export.xlsx?state=OVERDUE")
                        .with(oidcLogin().oidcUser(user("county-officer-yingcheng", "COUNTY_OFFICER", "420981", null))))
                .andExpect(status().isOk()).andExpect(header().string("Cache-Control", "no-store"))
                .andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("学员");
            Row row = sheet.getRow(2);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("李明");
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo("420981********123X");
            assertThat(row.getCell(3).getStringCellValue()).isEqualTo("0712-3251234");
            assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(4800.0);
        }
        mvc.perform(get("/follow-ups/export.xlsx").with(oidcLogin().oidcUser(user("finance-officer-yingcheng", "FINANCE_OFFICER", "420981", null))))
                .andExpect(status().isNotFound());
    }
}
