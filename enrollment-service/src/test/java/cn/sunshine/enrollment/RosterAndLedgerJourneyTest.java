package cn.sunshine.enrollment;

import cn.sunshine.enrollment.quota.PlaceCounter;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A base's staff upload a roster with bad rows, correct it, and the county officer and the base download the ledger. */
@SunshineServiceTest
class RosterAndLedgerJourneyTest extends EnrollmentJourney {

    @Test
    void aRosterWithThreeBadRowsNamesEachAndImportsNothingTheCorrectedOneEnrollsSixty() throws Exception {
        AgreedBase yingcheng = agreedBase("应城市职业教育中心", Seeds.YINGCHENG, 100);
        String anluStaff = agreedBase("安陆市职业技术学校", Seeds.ANLU, 10).staff();
        Map<String, Object> elsewhere = People.anyone();
        assertThat(enroll(anluStaff, classAt(anluStaff, 10), elsewhere).status()).isEqualTo(201);

        String staff = yingcheng.staff();
        String classId = classAt(staff, 60);
        List<Map<String, Object>> good = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            good.add(People.anyone());
        }
        List<Map<String, Object>> bad = new ArrayList<>(good);
        Map<String, Object> badCheck = new LinkedHashMap<>(good.get(9));
        badCheck.put("idNumber", People.withWrongCheck((String) badCheck.get("idNumber")));
        bad.set(9, badCheck);                                  // line 12 (two header lines): the check character is wrong
        Map<String, Object> twin = new LinkedHashMap<>(good.get(4));
        twin.put("name", "重复" + twin.get("name"));
        bad.set(29, twin);                                     // line 32: the same person as line 7
        bad.set(49, elsewhere);                                // line 52: enrolled at Anlu's base this year

        Http.Response refused = http().as(staff).postRaw("/api/enrollment/classes/" + classId + "/roster", csv(bad), "text/csv");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:sunshine:problem:roster-rejected");
        JsonNode rows = refused.json().path("rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("row").asInt()).isEqualTo(12);
        assertThat(rows.get(0).path("message").asText()).contains("check character");
        assertThat(rows.get(1).path("row").asInt()).isEqualTo(32);
        assertThat(rows.get(1).path("message").asText()).contains("same person as row 7");
        assertThat(rows.get(2).path("row").asInt()).isEqualTo(52);
        assertThat(rows.get(2).path("message").asText()).contains("安陆市职业技术学校").contains(Seeds.ANLU)
                .contains(((String) elsewhere.get("idNumber")).substring(0, 6) + "********")
                .doesNotContain((String) elsewhere.get("idNumber"));
        assertThat(refused.body()).doesNotContain((String) elsewhere.get("idNumber"));
        assertThat(http().as(staff).get("/api/enrollment/classes/" + classId + "/enrollments").json().path("total").asInt())
                .as("a file with bad rows imports nothing").isZero();
        assertThat(http().as(staff).get("/api/enrollment/classes/" + classId).json().path("enrolled").asInt()).isZero();

        Http.Response imported = http().as(staff).postRaw("/api/enrollment/classes/" + classId + "/roster", csv(good), "text/csv");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.json().path("imported").asInt()).isEqualTo(60);
        assertThat(http().as(staff).get("/api/enrollment/classes/" + classId + "/enrollments").json().path("total").asInt()).isEqualTo(60);
        assertThat(http().as(staff).get("/api/enrollment/classes/" + classId).json().path("enrolled").asInt()).isEqualTo(60);
        assertThat(places.find(PlaceCounter.quotaId(yingcheng.baseId(), "WELDING", 2026)).orElseThrow().remaining()).isEqualTo(40);

        // The ledger: whole numbers for the county's officer (XLSX), masked for the base's staff (CSV).
        String firstId = (String) good.get(0).get("idNumber");
        byte[] xlsx = download("/api/enrollment/classes/" + classId + "/ledger?format=xlsx", OFFICER);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("身份证号");
            assertThat(sheet.getRow(1).getCell(4).getStringCellValue()).isEqualTo("idNumber");
            assertThat(sheet.getLastRowNum()).isEqualTo(61);
            List<String> ids = new ArrayList<>();
            for (int r = 2; r <= 61; r++) {
                ids.add(sheet.getRow(r).getCell(4).getStringCellValue());
            }
            assertThat(ids).contains(firstId);
        }
        String masked = new String(download("/api/enrollment/classes/" + classId + "/ledger", staff), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(masked).startsWith("\uFEFF序号,姓名,性别").contains("\r\nno,name,gender")
                .contains(firstId.substring(0, 6) + "********" + firstId.substring(14)).doesNotContain(firstId);
        assertThat(WHOLE_ID.matcher(masked).find()).isFalse();
        assertThat(WHOLE_MOBILE.matcher(masked).find()).isFalse();
        assertThat(http().as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU)).get("/api/enrollment/classes/" + classId + "/ledger").status())
                .as("another county's officer").isEqualTo(404);
    }
}
