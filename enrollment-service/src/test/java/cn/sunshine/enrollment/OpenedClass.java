package cn.sunshine.enrollment;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.TestTokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A base of 应城市 with an agreed quota, its staff's token, an opened class and its trainees (a test fixture). */
record OpenedClass(String baseId, String staff, String classId, List<String> enrollmentIds) {

    static final String OFFICER = TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG);

    /** The base's class for 60 (2026-07-06 ~ 08-14) opened by the county's officer, its trainees enrolled. */
    static OpenedClass open(Http http, AgreedBase base, int trainees) {
        String staff = base.staff();
        String classId = base.reportClass(http, 60, true);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < trainees; i++) {
            Http.Response r = http.as(staff).post("/api/enrollment/classes/" + classId + "/enrollments", People.anyone());
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            ids.add(r.json().path("id").asText());
        }
        Http.Response opened = http.as(OFFICER).post("/api/enrollment/classes/" + classId + "/opening", Map.of());
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        return new OpenedClass(base.baseId(), staff, classId, ids);
    }
}
