package cn.sunshine.enrollment;

import cn.sunshine.enrollment.quota.PlaceCounter;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The quota's places under concurrent enrollments, and one subsidy per person a year across bases at the same instant. */
@SunshineServiceTest
class PlacesJourneyTest extends EnrollmentJourney {

    @Test
    void fiftyConcurrentEnrollmentsForFortyPlacesLeftEnrollExactlyForty() throws Exception {
        AgreedBase base = agreedBase("孝感市高级技工学校", Seeds.YINGCHENG, 45);
        String baseId = base.baseId();
        String staff = base.staff();
        String classId = classAt(staff, 120);
        for (int i = 0; i < 5; i++) {
            assertThat(enroll(staff, classId, People.anyone()).status()).isEqualTo(201);
        }
        List<Map<String, Object>> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(People.anyone());
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Response>> answers = new ArrayList<>();
        try {
            for (Map<String, Object> t : fifty) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return enroll(staff, classId, t);
                }));
            }
            start.countDown();
            int enrolled = 0;
            int refused = 0;
            for (Future<Http.Response> f : answers) {
                Http.Response r = f.get();
                if (r.status() == 201) {
                    enrolled++;
                } else {
                    assertThat(r.status()).as(r.toString()).isEqualTo(422);
                    assertThat(r.json().path("type").asText()).isEqualTo("urn:sunshine:problem:quota-exceeded");
                    assertThat(r.json().path("detail").asText()).contains("45").contains("0 place(s) left");
                    refused++;
                }
            }
            assertThat(enrolled).isEqualTo(40);
            assertThat(refused).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        assertThat(http().as(staff).get("/api/enrollment/classes/" + classId + "/enrollments").json().path("total").asInt()).isEqualTo(45);
        PlaceCounter quota = places.find(PlaceCounter.quotaId(baseId, "WELDING", 2026)).orElseThrow();
        assertThat(quota.taken()).isEqualTo(45);
        assertThat(quota.remaining()).isZero();
    }

    @Test
    void theSamePersonAtTwoBasesAtTheSameInstantIsEnrolledOnce() throws Exception {
        AgreedBase yingcheng = agreedBase("应城市农业广播电视学校", Seeds.YINGCHENG, 20);
        AgreedBase anlu = agreedBase("安陆市就业训练中心", Seeds.ANLU, 20);
        String yStaff = yingcheng.staff();
        String aStaff = anlu.staff();
        String yClass = classAt(yStaff, 20);
        String aClass = classAt(aStaff, 20);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                Map<String, Object> person = People.anyone();
                CountDownLatch start = new CountDownLatch(1);
                Future<Http.Response> a = pool.submit(() -> {
                    start.await();
                    return enroll(yStaff, yClass, person);
                });
                Future<Http.Response> b = pool.submit(() -> {
                    start.await();
                    return enroll(aStaff, aClass, person);
                });
                start.countDown();
                List<Http.Response> both = List.of(a.get(), b.get());
                assertThat(both).extracting(Http.Response::status).containsExactlyInAnyOrder(201, 409);
                Http.Response winner = both.stream().filter(r -> r.status() == 201).findFirst().orElseThrow();
                Http.Response loser = both.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
                String winnerBase = winner.json().path("baseName").asText();
                assertThat(loser.json().path("type").asText()).isEqualTo("urn:sunshine:problem:already-enrolled");
                assertThat(loser.json().path("detail").asText()).contains(winnerBase)
                        .contains(winner.json().path("divisionCode").asText())
                        .doesNotContain((String) person.get("idNumber"));
            }
        } finally {
            pool.shutdownNow();
        }
        // The refused side's places were given back: 5 enrolled in all, 35 places left over the two bases.
        int left = places.find(PlaceCounter.quotaId(yingcheng.baseId(), "WELDING", 2026)).orElseThrow().remaining()
                + places.find(PlaceCounter.quotaId(anlu.baseId(), "WELDING", 2026)).orElseThrow().remaining();
        assertThat(left).isEqualTo(35);
    }
}
