package cn.sunshine.accreditation;

import cn.sunshine.platform.identifiers.CreditCode;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.TestTokens;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Object mother for this service's tests, drawn from the seeds' work summaries: a county tender in
 * June (6月20—23日), the eight review criteria the summaries name (校舍校具, 教学设施, 师资力量,
 * 联系安排就业能力, 服务承诺, 单位信誉, 收费标准, 学员生活条件), the ten majors of the story
 * (电子电工, 家政服务, 电动缝纫, 计算机, 汽车驾驶, 保安, …) and institutions such as 县职业中学,
 * 劳动就业培训中心 and 银宇学校.
 */
final class Fixtures {

    static final String OFFICER = TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG);
    static final String ANLU_OFFICER = TestTokens.of("COUNTY_OFFICER", Seeds.ANLU);
    static final String PROVINCE_OFFICER = TestTokens.of("PROVINCE_OFFICER", Seeds.PROVINCE);
    static final String CITY_OFFICER = TestTokens.of("CITY_OFFICER", Seeds.XIAOGAN);

    /** The ten majors of the story: code, name, capacity sought. */
    static final List<Object[]> MAJORS = List.of(
            new Object[]{"ELECTRICAL", "电子电工", 400}, new Object[]{"HOUSEKEEPING", "家政服务", 300},
            new Object[]{"SEWING", "电动缝纫", 500}, new Object[]{"COMPUTING", "计算机及应用", 400},
            new Object[]{"DRIVING", "汽车驾驶", 300}, new Object[]{"SECURITY_GUARD", "保安", 300},
            new Object[]{"WELDING", "电焊", 400}, new Object[]{"ELECTRONICS_ASSEMBLY", "电子装配", 600},
            new Object[]{"BIOGAS", "沼气技工", 200}, new Object[]{"COOKING", "中式烹调", 260});

    /** The criteria and their weights (basis points, 10000 in all). */
    static final List<Object[]> CRITERIA = List.of(
            new Object[]{"FACILITIES", "校舍校具", 1500}, new Object[]{"TEACHING_EQUIPMENT", "教学设施", 1500},
            new Object[]{"TEACHERS", "师资力量", 2000}, new Object[]{"PLACEMENT", "联系安排就业能力", 2000},
            new Object[]{"SERVICE", "服务承诺", 1000}, new Object[]{"REPUTATION", "单位信誉", 1000},
            new Object[]{"FEE", "收费标准", 500}, new Object[]{"LIVING", "学员生活条件", 500});

    static final List<String> INSTITUTIONS = List.of("县职业中学", "县劳动就业培训中心", "银宇学校", "县农业综合培训服务中心",
            "黄龙保安武术学院", "县职教中心", "县成人中专", "县电子技术学校", "县技工学校", "县妇联家政培训学校",
            "县驾驶员培训学校", "县再就业培训中心");

    private static final AtomicInteger SERIAL = new AtomicInteger(1);

    private Fixtures() {
    }

    /** A valid unified social credit code, unique in the test run (its GB 32100 check character computed). */
    static String creditCode() {
        String first17 = "52" + Seeds.YINGCHENG + String.format("MJ%07d", SERIAL.getAndIncrement());
        return first17 + CreditCode.checkCharacter(first17);
    }

    /** The same code with a wrong check character. */
    static String withWrongCheckCharacter(String valid) {
        char right = valid.charAt(17);
        return valid.substring(0, 17) + (right == '0' ? '1' : '0');
    }

    static String applicant(int i) {
        return TestTokens.of("applicant-" + i + "-" + SERIAL.getAndIncrement(), Set.of("BASE_STAFF"), Seeds.YINGCHENG, null);
    }

    static String expert(String name) {
        return TestTokens.of(name, Set.of("EXPERT_REVIEWER"), Seeds.XIAOGAN, null);
    }

    static Map<String, Object> tender(int year, Instant opens, Instant closes, List<Object[]> majors) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("divisionCode", Seeds.YINGCHENG);
        t.put("year", year);
        t.put("title", "应城市农村劳动力转移培训阳光工程培训基地招标公告");
        t.put("conditions", List.of("具有独立法人资格", "有固定的培训场所和实习基地", "有稳定的就业安置渠道"));
        t.put("procedure", "自愿申报、资格审查、专家评审和实地考察、社会公示、认定");
        t.put("whereToApply", "应城市农业局科教站（阳光办）");
        t.put("requiredMaterials", List.of("LEGAL_PERSON_CERTIFICATE", "TEACHER_ROSTER"));
        t.put("majors", majors.stream().map(m -> Map.of("majorCode", m[0], "majorName", m[1], "capacitySought", m[2])).toList());
        t.put("criteria", CRITERIA.stream().map(c -> Map.of("code", c[0], "name", c[1], "weightBp", c[2])).toList());
        t.put("scale", 100);
        t.put("passingScore", 60);
        t.put("applicationOpensAt", opens.toString());
        t.put("applicationClosesAt", closes.toString());
        return t;
    }

    /**
     * A tender of {@code year} drafted and published by 应城市's officer, its window 20–23 June of that year, the
     * clock set inside it (20 June); its id.
     */
    static String publishedTender(Http http, cn.sunshine.platform.test.MutableClock clock, int year) {
        Http.Response drafted = http.as(OFFICER).post("/api/accreditation/tenders", tender(year,
                Instant.parse(year + "-06-19T16:00:00Z"), Instant.parse(year + "-06-23T10:00:00Z"), MAJORS));
        String tenderId = drafted.json().path("id").asText();
        assertThat(http.as(OFFICER).header("If-Match", drafted.header("ETag"))
                .post("/api/accreditation/tenders/" + tenderId + "/publication", null).status()).isEqualTo(200);
        clock.set(Instant.parse(year + "-06-20T02:00:00Z"));
        return tenderId;
    }

    static Map<String, Object> application(String name, String creditCode, List<String> majorCodes) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("institution", Map.of("legalName", name, "creditCode", creditCode, "address", "湖北省应城市城中民营经济园",
                "divisionCode", Seeds.YINGCHENG,
                "contacts", List.of(Map.of("name", "李校长", "role", "校长", "phone", "13907120000"))));
        List<Map<String, Object>> majors = new ArrayList<>();
        for (String code : majorCodes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("majorCode", code);
            m.put("annualCapacity", 300);
            m.put("feeStandardFen", 60_000);
            m.put("durationDays", 30);
            m.put("teachers", List.of(Map.of("name", "王师傅", "qualification", "高级技师", "certificateNo", "HG-2019-0231")));
            m.put("facilities", "实训车间800平方米，设备40台套");
            m.put("placementPartners", List.of(Map.of("employer", "东莞市金飞达电子厂", "location", "广东东莞", "positionsOffered", 120)));
            m.put("livingConditions", "学员宿舍每间6人，食堂");
            m.put("serviceCommitments", "培训就业一条龙服务，推荐就业率90%以上");
            majors.add(m);
        }
        a.put("majors", majors);
        a.put("documents", List.of(
                Map.of("name", "事业单位法人证书.pdf", "type", "LEGAL_PERSON_CERTIFICATE",
                        "sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "sizeBytes", 482113),
                Map.of("name", "师资花名册.xlsx", "type", "TEACHER_ROSTER",
                        "sha256", "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752", "sizeBytes", 20480)));
        return a;
    }

    /** A score sheet giving {@code score} on every criterion. */
    static Map<String, Object> sheet(int score, String result, String visitedOn) {
        return Map.of("scores", CRITERIA.stream().map(c -> Map.of("criterionCode", c[0], "score", score)).toList(),
                "inspection", Map.of("visitedOn", visitedOn, "result", result, "findings", "场地设备与申报材料一致"),
                "comments", "师资较强，就业渠道稳定");
    }

    /** Registers a base outside the tender flow with the given majors (code → capacity), returning its id. */
    static String registerBase(Http http, String name, String creditCode, Map<String, Integer> capacities) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("creditCode", creditCode);
        r.put("divisionCode", Seeds.YINGCHENG);
        r.put("address", "湖北省应城市城中民营经济园");
        r.put("validFrom", "2026-07-01");
        r.put("validUntil", "2027-06-30");
        r.put("majors", capacities.entrySet().stream().map(e -> Map.of("majorCode", e.getKey(), "majorName",
                MAJORS.stream().filter(m -> m[0].equals(e.getKey())).map(m -> (String) m[1]).findFirst().orElse(e.getKey()),
                "annualCapacity", e.getValue(), "feeStandardFen", 60_000)).toList());
        Http.Response created = http.as(OFFICER).post("/api/accreditation/bases", r);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    /** Asserts the request was refused with this status, its problem naming {@code field} first. */
    static void assertRefused(Http.Response r, int status, String field) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.json().path("errors").path(0).path("field").asText()).isEqualTo(field);
    }
}
