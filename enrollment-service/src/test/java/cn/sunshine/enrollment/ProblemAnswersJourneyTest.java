package cn.sunshine.enrollment;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input names the field and never answers 500; problems in Chinese for Accept-Language: zh and in English without. */
@SunshineServiceTest
class ProblemAnswersJourneyTest extends EnrollmentJourney {

    @Test
    void badInputNamesTheFieldAndNeverAnswers500() {
        String staff = agreedBase("应城市星光职业培训学校", Seeds.YINGCHENG, 5).staff();
        String classId = classAt(staff, 5);
        Map<String, Object> t = People.anyone();
        t.put("idNumber", People.withWrongCheck((String) t.get("idNumber")));
        Http.Response badId = enroll(staff, classId, t);
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().path("errors").get(0).path("field").asText()).isEqualTo("idNumber");
        String first17 = "42098119500101001";
        Map<String, Object> old = People.trainee("王老汉", true,
                first17 + cn.sunshine.platform.identifiers.ResidentIdNumber.checkCharacter(first17), People.phone());
        Http.Response tooOld = enroll(staff, classId, old);
        assertThat(tooOld.status()).as(tooOld.toString()).isEqualTo(422);
        assertThat(tooOld.json().path("detail").asText()).contains("16 to 60");
        Map<String, Object> badPhone = People.anyone();
        badPhone.put("phone", "0712-1234567");
        assertThat(enroll(staff, classId, badPhone).json().path("errors").get(0).path("field").asText()).isEqualTo("phone");
        assertThat(http().as(staff).postRaw("/api/enrollment/classes/" + classId + "/roster", "\"unclosed", "text/csv").status())
                .isEqualTo(400);
        assertThat(http().as(staff).postRaw("/api/enrollment/classes/" + classId + "/roster", "not a workbook",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").status()).isEqualTo(400);
        assertThat(http().as(staff).postRaw("/api/enrollment/classes/" + classId + "/roster", "x", "text/plain").status())
                .isEqualTo(415);
        Map<String, Object> early = classBody(5);
        early.put("plannedStart", "2026-07-01");
        assertThat(http().as(staff).post("/api/enrollment/classes", early).json().path("errors").get(0).path("field").asText())
                .isEqualTo("plannedStart");
        Map<String, Object> order = classBody(5);
        order.remove("orderEmployer");
        assertThat(http().as(staff).post("/api/enrollment/classes", order).status()).isEqualTo(400);
        assertThat(http().as(staff).get("/api/enrollment/classes/" + classId + "/ledger?format=pdf").status()).isEqualTo(400);
    }

    @Test
    void problemsAreAnsweredInChineseForAcceptLanguageZhAndInEnglishWithout() {
        String anluStaff = agreedBase("安陆市职业技术学校", Seeds.ANLU, 10).staff();
        Map<String, Object> elsewhere = People.anyone();
        assertThat(enroll(anluStaff, classAt(anluStaff, 10), elsewhere).status()).isEqualTo(201);
        String staff = agreedBase("应城市职业教育中心", Seeds.YINGCHENG, 10).staff();
        String classId = classAt(staff, 10);
        List<Map<String, Object>> file = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            file.add(new LinkedHashMap<>(People.anyone()));
        }
        file.get(0).put("idNumber", People.withWrongCheck((String) file.get(0).get("idNumber")));  // line 3
        file.get(1).put("gender", "MALE".equals(file.get(1).get("gender")) ? "FEMALE" : "MALE");    // line 4: 性别
        file.get(2).put("name", "");                                                                // line 5: Bean Validation's own
        file.get(3).put("householdDivision", "42098");                                              // line 6: the annotation's English
        file.set(4, elsewhere);                                                                     // line 7
        String path = "/api/enrollment/classes/" + classId + "/roster";

        Http.Response zh = http().as(staff).header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8").postRaw(path, csv(file), "text/csv");
        assertThat(zh.status()).as(zh.toString()).isEqualTo(422);
        assertThat(zh.json().path("type").asText()).isEqualTo("urn:sunshine:problem:roster-rejected");
        assertThat(zh.json().path("title").asText()).isEqualTo("名册中有不合格的行");
        assertThat(zh.json().path("detail").asText()).isEqualTo("发现 5 处问题，本次未导入任何学员：请修改文件后重新上传");
        JsonNode rows = zh.json().path("rows");
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).path("field").asText()).isEqualTo("idNumber");
        assertThat(rows.get(0).path("message").asText()).isEqualTo("身份证号校验位不正确");
        assertThat(rows.get(1).path("field").asText()).isEqualTo("gender");
        assertThat(rows.get(1).path("message").asText()).isEqualTo("与身份证号不符");
        assertThat(rows.get(2).path("field").asText()).isEqualTo("name");
        assertThat(rows.get(2).path("message").asText()).isEqualTo("不能为空");
        assertThat(rows.get(3).path("field").asText()).isEqualTo("householdDivision");
        assertThat(rows.get(3).path("message").asText()).isEqualTo("须为6位行政区划代码");
        String id = (String) elsewhere.get("idNumber");
        String masked = id.substring(0, 6) + "********" + id.substring(14);
        assertThat(rows.get(4).path("message").asText())
                .isEqualTo(masked + " 本年度已在安陆市职业技术学校（区划 " + Seeds.ANLU + "）报名，每人每年只能享受一次补助");

        Http.Response en = http().as(staff).postRaw(path, csv(file), "text/csv");
        assertThat(en.status()).isEqualTo(422);
        assertThat(en.json().path("title").asText()).isEqualTo("The roster has bad rows");
        assertThat(en.json().path("detail").asText())
                .isEqualTo("5 problem(s) found; nothing was imported: correct the file and send it again");
        JsonNode english = en.json().path("rows");
        assertThat(english.get(0).path("message").asText()).isEqualTo("the check character of the resident ID number is wrong");
        assertThat(english.get(1).path("message").asText()).isEqualTo("does not match the resident ID number");
        assertThat(english.get(2).path("message").asText()).isEqualTo("must not be blank");
        assertThat(english.get(3).path("message").asText()).isEqualTo("must be a 6-digit division code");
        assertThat(english.get(4).path("message").asText()).isEqualTo(masked + " is already enrolled this year at 安陆市职业技术学校 (county "
                + Seeds.ANLU + "): a person is subsidised once a year");
        assertThat(http().as(staff).header("Accept-Language", "en").postRaw(path, csv(file), "text/csv").body()).isEqualTo(en.body());

        Http.Response again = http().as(staff).header("Accept-Language", "zh-CN").post("/api/enrollment/classes/" + classId
                + "/enrollments", elsewhere);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("type").asText()).isEqualTo("urn:sunshine:problem:already-enrolled");
        assertThat(again.json().path("title").asText()).isEqualTo("本年度已报名");
        assertThat(again.json().path("detail").asText()).contains("本年度已在安陆市职业技术学校").endsWith("每人每年只能享受一次补助");
        assertThat(again.json().path("errors").get(0).path("field").asText()).isEqualTo("idNumber");
        assertThat(again.json().path("errors").get(0).path("message").asText()).isEqualTo(again.json().path("detail").asText());

        Map<String, Object> wrong = new LinkedHashMap<>(file.get(1));
        wrong.put("phone", "12345");
        Http.Response invalid = http().as(staff).header("Accept-Language", "zh-CN").post("/api/enrollment/classes/" + classId
                + "/enrollments", wrong);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("detail").asText()).isEqualTo("gender：与身份证号不符；phone：须为11位手机号码");
        assertThat(http().as(staff).post("/api/enrollment/classes/" + classId + "/enrollments", wrong).json().path("detail").asText())
                .isEqualTo("gender: does not match the resident ID number; phone: must be an 11-digit mobile number");

        assertThat(http().as(staff).header("Accept-Language", "zh-CN").get("/api/enrollment/classes/no-such-class").json()
                .path("detail").asText()).isEqualTo("所查记录（class no-such-class）不存在，或不在您的管辖范围内");
    }
}
