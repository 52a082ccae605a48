package cn.sunshine.enrollment;

import cn.sunshine.enrollment.quota.PlaceCounter;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.web.IdempotentRequests;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Idempotency-Key on enrollment's two creating endpoints (one trainee, a roster file): a retry after
 * a lost answer gets the first answer and enrolls nobody twice.
 */
@SunshineServiceTest
class IdempotencyTest extends EnrollmentServiceTest {

    record Setup(String baseId, String staff, String classId) {
        String quotaId() {
            return PlaceCounter.quotaId(baseId, "WELDING", 2026);
        }
    }

    @BeforeEach
    void dayOne() {
        clock.set(DAY_ONE);
    }

    Setup classOf(int quota) {
        AgreedBase base = agreedBase("应城市幂等培训学校", Seeds.YINGCHENG, quota);
        return new Setup(base.baseId(), base.staff(), base.reportClass(http(), quota, true));
    }

    static List<Map<String, Object>> people(int n) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(People.anyone());
        }
        return list;
    }

    Http.Response roster(Setup s, String key, String csv) {
        Http h = http().as(s.staff());
        if (key != null) {
            h = h.header(IdempotentRequests.HEADER, key);
        }
        return h.postRaw("/api/enrollment/classes/" + s.classId() + "/roster", csv, "text/csv");
    }

    Http.Response enroll(Setup s, String key, Map<String, Object> trainee) {
        return http().as(s.staff()).header(IdempotentRequests.HEADER, key)
                .post("/api/enrollment/classes/" + s.classId() + "/enrollments", trainee);
    }

    int enrolled(Setup s) {
        return http().as(s.staff()).get("/api/enrollment/classes/" + s.classId() + "/enrollments").json().path("total").asInt();
    }

    long remaining(Setup s) {
        return places.find(s.quotaId()).orElseThrow().remaining();
    }

    @Test
    void theSameKeyTwiceForOneTraineeEnrollsOnceAndReplaysTheAnswer() {
        Setup s = classOf(10);
        Map<String, Object> trainee = people(1).get(0);
        Http.Response first = enroll(s, "enroll-zhang-1", trainee);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header(IdempotentRequests.REPLAYED_HEADER)).isNull();

        Http.Response again = enroll(s, "enroll-zhang-1", trainee);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(enrolled(s)).isEqualTo(1);
        assertThat(remaining(s)).isEqualTo(9);

        Http.Response other = enroll(s, "enroll-zhang-1", people(1).get(0));
        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(other.json().path("type").asText()).isEqualTo("urn:sunshine:problem:" + IdempotentRequests.KEY_REUSED);
        assertThat(enrolled(s)).isEqualTo(1);

        Http.Response withoutKey = http().as(s.staff()).post("/api/enrollment/classes/" + s.classId() + "/enrollments", trainee);
        assertThat(withoutKey.status()).as("no key: unchanged behaviour").isEqualTo(409);
        assertThat(withoutKey.json().path("type").asText()).isEqualTo("urn:sunshine:problem:already-enrolled");
    }

    @Test
    void aKeyThatIsNotPrintableAsciiOrTooLongIsA400NamingTheHeader() {
        Setup s = classOf(5);
        for (String bad : List.of("x".repeat(101), "a\tb", "  ")) {
            Http.Response r = enroll(s, bad, people(1).get(0));
            assertThat(r.status()).as(bad + ": " + r).isEqualTo(400);
            assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo(IdempotentRequests.HEADER);
        }
        assertThat(enroll(s, "k".repeat(100), people(1).get(0)).status()).isEqualTo(201);
        assertThat(enrolled(s)).isEqualTo(1);
    }

    @Test
    void theSameKeyTwiceForARosterGivesTheSameIdsAndTakesNoMorePlaces() {
        Setup s = classOf(30);
        String file = EnrollmentJourney.csv(people(12));
        Http.Response first = roster(s, "roster-2026-07-06", file);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("imported").asInt()).isEqualTo(12);
        assertThat(remaining(s)).isEqualTo(18);

        Http.Response again = roster(s, "roster-2026-07-06", file);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(again.json().path("imported").asInt()).isEqualTo(12);
        assertThat(again.json().path("enrollmentIds")).isEqualTo(first.json().path("enrollmentIds"));
        assertThat(remaining(s)).as("the quota counter is unchanged by the replay").isEqualTo(18);
        assertThat(enrolled(s)).isEqualTo(12);

        Http.Response otherFile = roster(s, "roster-2026-07-06", EnrollmentJourney.csv(people(3)));
        assertThat(otherFile.status()).as(otherFile.toString()).isEqualTo(422);
        assertThat(otherFile.json().path("type").asText()).isEqualTo("urn:sunshine:problem:idempotency-key-reused");
        assertThat(otherFile.json().path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(enrolled(s)).isEqualTo(12);
        assertThat(remaining(s)).isEqualTo(18);

        Setup otherClass = classOf(30);
        Http.Response sameKeyElsewhere = roster(otherClass, "roster-2026-07-06", EnrollmentJourney.csv(people(2)));
        assertThat(sameKeyElsewhere.status()).as("a key is per class and caller").isEqualTo(201);
        assertThat(sameKeyElsewhere.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
    }

    @Test
    void aRefusedFileFreesTheKeyTheCorrectedFileWithTheSameKeyImports() {
        Setup s = classOf(30);
        List<Map<String, Object>> good = people(8);
        List<Map<String, Object>> bad = new ArrayList<>(good);
        Map<String, Object> wrong = new LinkedHashMap<>(good.get(3));
        wrong.put("idNumber", People.withWrongCheck((String) wrong.get("idNumber")));
        bad.set(3, wrong);

        Http.Response refused = roster(s, "roster-fix-me", EnrollmentJourney.csv(bad));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:sunshine:problem:roster-rejected");
        assertThat(mongo.findById(rosterScope(s) + ":roster-fix-me", Document.class, IdempotentRequests.COLLECTION))
                .as("a refusal deletes the record").isNull();

        Http.Response imported = roster(s, "roster-fix-me", EnrollmentJourney.csv(good));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertThat(imported.json().path("imported").asInt()).isEqualTo(8);
        assertThat(enrolled(s)).isEqualTo(8);
        assertThat(remaining(s)).isEqualTo(22);
    }

    @Test
    void twoConcurrentRequestsWithTheSameKeyEnrollOnce() throws Exception {
        Setup s = classOf(60);
        String file = EnrollmentJourney.csv(people(40));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Callable<Http.Response> send = () -> {
                go.await();
                return roster(s, "roster-concurrent", file);
            };
            Future<Http.Response> a = pool.submit(send);
            Future<Http.Response> b = pool.submit(send);
            go.countDown();
            List<Http.Response> answers = List.of(a.get(), b.get());
            List<Http.Response> fresh = answers.stream()
                    .filter(r -> r.status() == 201 && r.header(IdempotentRequests.REPLAYED_HEADER) == null).toList();
            assertThat(fresh).as(answers.toString()).hasSize(1);
            Http.Response other = answers.get(0) == fresh.get(0) ? answers.get(1) : answers.get(0);
            if (other.status() == 409) {
                assertThat(other.json().path("type").asText()).isEqualTo("urn:sunshine:problem:" + IdempotentRequests.IN_PROGRESS);
                assertThat(other.header("Retry-After")).isNotBlank();
            } else {
                assertThat(other.status()).as(other.toString()).isEqualTo(201);
                assertThat(other.header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
                assertThat(other.json()).isEqualTo(fresh.get(0).json());
            }
            assertThat(enrolled(s)).isEqualTo(40);
            assertThat(remaining(s)).isEqualTo(20);

            Http.Response later = roster(s, "roster-concurrent", file);
            assertThat(later.status()).isEqualTo(201);
            assertThat(later.header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
            assertThat(later.json().path("enrollmentIds")).isEqualTo(fresh.get(0).json().path("enrollmentIds"));
        } finally {
            pool.shutdownNow();
        }
    }

    String rosterScope(Setup s) {
        return "enrollment.roster:" + s.classId() + ":base-staff-" + s.baseId();
    }

    @Test
    void aRequestLeftPendingPastItsLeaseIsTakenOverAFreshOneIsInProgress() {
        Setup s = classOf(20);
        String file = EnrollmentJourney.csv(people(5));
        String hash = IdempotentRequests.hash("text/csv", file.getBytes(StandardCharsets.UTF_8));

        mongo.insert(new Document("_id", rosterScope(s) + ":running").append("requestHash", hash).append("status", "PENDING")
                .append("owner", "another-process").append("startedAt", new Date()), IdempotentRequests.COLLECTION);
        Http.Response busy = roster(s, "running", file);
        assertThat(busy.status()).as(busy.toString()).isEqualTo(409);
        assertThat(busy.json().path("type").asText()).isEqualTo("urn:sunshine:problem:idempotency-request-in-progress");
        assertThat(busy.header("Retry-After")).isNotBlank();
        assertThat(enrolled(s)).isZero();

        mongo.insert(new Document("_id", rosterScope(s) + ":crashed").append("requestHash", hash).append("status", "PENDING")
                .append("owner", "dead-process").append("startedAt", Date.from(Instant.now().minus(Duration.ofMinutes(3)))),
                IdempotentRequests.COLLECTION);
        Http.Response takenOver = roster(s, "crashed", file);
        assertThat(takenOver.status()).as(takenOver.toString()).isEqualTo(201);
        assertThat(takenOver.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        Document record = mongo.findById(rosterScope(s) + ":crashed", Document.class, IdempotentRequests.COLLECTION);
        assertThat(record.getString("status")).isEqualTo("COMPLETED");
        assertThat(roster(s, "crashed", file).header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(enrolled(s)).isEqualTo(5);
        assertThat(remaining(s)).isEqualTo(15);
    }

    @Test
    void aRosterStoredByAProcessThatDiedBeforeItsAnswerIsTheSameRosterWhenTakenOver() {
        Setup s = classOf(20);
        List<Map<String, Object>> four = people(4);
        String file = EnrollmentJourney.csv(four);
        Http.Response first = roster(s, "before-the-crash", file);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        // The process died after storing the enrollments and before completing its key: the record is still
        // PENDING under a dead owner, past its lease.
        mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(rosterScope(s) + ":before-the-crash")),
                IdempotentRequests.COLLECTION);
        String hash = IdempotentRequests.hash("text/csv", file.getBytes(StandardCharsets.UTF_8));
        mongo.insert(new Document("_id", rosterScope(s) + ":before-the-crash").append("requestHash", hash).append("status", "PENDING")
                .append("owner", "dead-process").append("startedAt", Date.from(Instant.now().minus(Duration.ofMinutes(3)))),
                IdempotentRequests.COLLECTION);

        Http.Response retried = roster(s, "before-the-crash", file);
        assertThat(retried.status()).as("the same roster again answers what it made: " + retried).isEqualTo(201);
        assertThat(retried.json().path("enrollmentIds")).isEqualTo(first.json().path("enrollmentIds"));
        assertThat(enrolled(s)).isEqualTo(4);
        assertThat(remaining(s)).isEqualTo(16);

        // A file with one of them and someone new is not the same roster: the person already here is named.
        Http.Response other = roster(s, "a-new-file", EnrollmentJourney.csv(List.of(four.get(3), People.anyone())));
        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(enrolled(s)).isEqualTo(4);
    }

    @Test
    void anEnrollmentStoredByAProcessThatDiedBeforeItsAnswerIsTheSameEnrollmentWhenSentAgain() {
        Setup s = classOf(20);
        Map<String, Object> person = People.anyone();
        Http.Response first = enroll(s, "desk-before-the-crash", person);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        // Its key's record lost with the process (as if it died before recording the answer): sent again.
        mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").regex("desk-before-the-crash$")),
                IdempotentRequests.COLLECTION);
        Http.Response again = enroll(s, "desk-before-the-crash", person);
        assertThat(again.status()).as("the same enrollment again answers the one made: " + again).isEqualTo(201);
        assertThat(again.json().path("id")).isEqualTo(first.json().path("id"));
        assertThat(enrolled(s)).isEqualTo(1);
        assertThat(remaining(s)).isEqualTo(19);

        // On other terms it is not the same act: the person is already enrolled this year.
        Map<String, Object> otherTerms = new LinkedHashMap<>(person);
        otherTerms.put("subsidyFen", ((Number) person.get("subsidyFen")).longValue() - 100);
        assertThat(enroll(s, "desk-other-terms", otherTerms).status()).isEqualTo(409);
        assertThat(enrolled(s)).isEqualTo(1);
    }

    @org.springframework.beans.factory.annotation.Autowired
    cn.sunshine.enrollment.trainee.Admissions admissions;

    /**
     * What a roster's process killed mid-way (kill -9, after storing the first {@code stored} of its enrollments)
     * leaves: the rest of its people registered but not stored, its places held in both counters under the
     * admission's id, the admission written down as under way, its key PENDING under the dead process past its lease.
     * Made from a roster imported whole, by taking back what the crash would not have written.
     */
    String crashMidway(Setup s, String key, String file, List<String> ids, int stored) {
        String admissionId = cn.sunshine.enrollment.trainee.Admissions.admissionIdOf(
                IdempotentRequests.requestId(rosterScope(s), key));
        List<cn.sunshine.enrollment.registry.PersonYear> registered = mongo.find(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("enrollmentId").in(ids)),
                cn.sunshine.enrollment.registry.PersonYear.class);
        assertThat(registered).hasSize(ids.size());
        Map<String, String> yearOf = new java.util.HashMap<>();
        registered.forEach(p -> yearOf.put(p.enrollmentId(), p.id()));
        mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").in(ids.subList(stored, ids.size()))), "enrollments");
        for (String counter : List.of(s.quotaId(), PlaceCounter.classId(s.classId()))) {
            mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                    org.springframework.data.mongodb.core.query.Criteria.where("_id").is(counter)),
                    new org.springframework.data.mongodb.core.query.Update().push("holds", new Document("id", admissionId)
                            .append("n", ids.size()).append("at", new Date())), PlaceCounter.class);
        }
        mongo.insert(new cn.sunshine.enrollment.trainee.AdmissionUnderWay(admissionId, s.classId(), s.quotaId(),
                PlaceCounter.classId(s.classId()), ids.stream().map(id -> new cn.sunshine.enrollment.trainee.AdmissionUnderWay.Entry(
                        id, yearOf.get(id))).toList(), Instant.now().minus(Duration.ofMinutes(1))));
        mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(rosterScope(s) + ":" + key)),
                IdempotentRequests.COLLECTION);
        mongo.insert(new Document("_id", rosterScope(s) + ":" + key)
                .append("requestHash", IdempotentRequests.hash("text/csv", file.getBytes(StandardCharsets.UTF_8)))
                .append("status", "PENDING").append("owner", "killed-process")
                .append("startedAt", Date.from(Instant.now().minus(Duration.ofMinutes(3)))), IdempotentRequests.COLLECTION);
        return admissionId;
    }

    List<String> idsOf(Http.Response imported) {
        List<String> ids = new ArrayList<>();
        imported.json().path("enrollmentIds").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    void nothingHeldOrUnderWay(Setup s) {
        assertThat(places.find(s.quotaId()).orElseThrow().holds()).as("holds of the quota").isEmpty();
        assertThat(places.find(PlaceCounter.classId(s.classId())).orElseThrow().holds()).as("holds of the class").isEmpty();
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(org.springframework.data.mongodb.core.query.Criteria
                .where("classId").is(s.classId())), cn.sunshine.enrollment.trainee.AdmissionUnderWay.class)).isZero();
    }

    @Test
    void aRosterWhoseProcessWasKilledMidwayIsFinishedByItsRetryTakingNoPlaceTwice() {
        // The end-to-end fault year met this: enrollment-service killed during a roster import, the retry (same
        // key, after the lease) refused as "already enrolled" by the people the dead try had registered.
        Setup s = classOf(20);
        String file = EnrollmentJourney.csv(people(5));
        Http.Response first = roster(s, "killed-midway", file);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        List<String> ids = idsOf(first);
        crashMidway(s, "killed-midway", file, ids, 2);
        assertThat(enrolled(s)).isEqualTo(2);
        assertThat(remaining(s)).as("the dead try's places are held").isEqualTo(15);

        Http.Response retried = roster(s, "killed-midway", file);
        assertThat(retried.status()).as("the retry finishes the import: " + retried).isEqualTo(201);
        assertThat(idsOf(retried)).isEqualTo(ids);
        assertThat(enrolled(s)).isEqualTo(5);
        assertThat(remaining(s)).as("no place taken twice").isEqualTo(15);
        assertThat(places.find(PlaceCounter.classId(s.classId())).orElseThrow().taken()).isEqualTo(5);
        nothingHeldOrUnderWay(s);
        assertThat(roster(s, "killed-midway", file).header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
    }

    @Test
    void aRosterKilledMidwayThatNobodySendsAgainIsGivenBackByTheSweepWhatItStoredStands() {
        Setup s = classOf(20);
        List<Map<String, Object>> five = people(5);
        String file = EnrollmentJourney.csv(five);
        Http.Response first = roster(s, "abandoned", file);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        crashMidway(s, "abandoned", file, idsOf(first), 2);
        assertThat(admissions.closeAbandoned(Instant.now().minus(Duration.ofMinutes(5)))).as("not yet abandoned").isZero();

        assertThat(admissions.closeAbandoned(Instant.now())).isEqualTo(1);
        assertThat(enrolled(s)).isEqualTo(2);
        assertThat(remaining(s)).as("the three never stored gave back their places").isEqualTo(18);
        assertThat(places.find(PlaceCounter.classId(s.classId())).orElseThrow().taken()).isEqualTo(2);
        nothingHeldOrUnderWay(s);
        assertThat(admissions.closeAbandoned(Instant.now())).as("closed once").isZero();
        assertThat(remaining(s)).isEqualTo(18);
        // The three are free to enroll again; the two stored are not.
        Http.Response rest = roster(s, "the-other-three", EnrollmentJourney.csv(five.subList(2, 5)));
        assertThat(rest.status()).as(rest.toString()).isEqualTo(201);
        assertThat(roster(s, "the-first-two", EnrollmentJourney.csv(five.subList(0, 2))).status()).isEqualTo(422);
        assertThat(enrolled(s)).isEqualTo(5);
        assertThat(remaining(s)).isEqualTo(15);
    }

    @Test
    void aHoldTakesPlacesOnceForAnAdmissionAndEndingItGivesBackOnce() {
        Setup s = classOf(10);
        assertThat(places.hold(s.quotaId(), "admission-1", 4)).isTrue();
        assertThat(places.hold(s.quotaId(), "admission-1", 4)).as("the same admission again").isTrue();
        assertThat(remaining(s)).isEqualTo(6);
        assertThat(places.hold(s.quotaId(), "admission-2", 7)).as("more than remain").isFalse();
        assertThat(remaining(s)).isEqualTo(6);
        places.endHold(s.quotaId(), "admission-1", 3);
        places.endHold(s.quotaId(), "admission-1", 3);
        assertThat(remaining(s)).as("three of four unused, given back once").isEqualTo(9);
        assertThat(places.find(s.quotaId()).orElseThrow().holds()).isEmpty();
    }

    /** The key's record lost with its process (as if it died after its write, before recording the answer). */
    void answerLost(String key) {
        mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").regex(":" + key + "$")),
                IdempotentRequests.COLLECTION);
    }

    @Test
    void aClassReportAndAWithdrawalWhoseProcessDiedAreAnsweredAsMadeWhenSentAgainAndReleaseOnce() {
        AgreedBase base = agreedBase("应城市重报培训学校", Seeds.YINGCHENG, 10);
        Map<String, Object> klass = Map.of("majorCode", "WELDING", "plannedStart", "2026-07-06", "plannedEnd", "2026-08-14",
                "trainingForm", "FREE", "capacity", 10, "feeFen", 0, "place", Map.of("town", "杨河镇", "village", "三合村",
                        "address", "三合村村委会会议室", "mobile", false));
        Http.Response reported = http().as(base.staff()).header(IdempotentRequests.HEADER, "report-1").post("/api/enrollment/classes", klass);
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        answerLost("report-1");
        Http.Response again = http().as(base.staff()).header(IdempotentRequests.HEADER, "report-1").post("/api/enrollment/classes", klass);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.json().path("id").asText()).as("the class it made, not a second one").isEqualTo(reported.json().path("id").asText());
        assertThat(http().as(base.staff()).get("/api/enrollment/classes?baseId=" + base.baseId()).json().path("total").asInt())
                .isEqualTo(1);

        Setup s = new Setup(base.baseId(), base.staff(), reported.json().path("id").asText());
        Http.Response enrolled = enroll(s, "desk-1", people(1).get(0));
        assertThat(remaining(s)).isEqualTo(9);
        String withdrawal = "/api/enrollment/enrollments/" + enrolled.json().path("id").asText() + "/withdrawal";
        Http.Response withdrawn = http().as(s.staff()).header(IdempotentRequests.HEADER, "withdraw-1")
                .header("If-Match", enrolled.header("ETag")).post(withdrawal, Map.of("reason", "外出务工"));
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(remaining(s)).isEqualTo(10);
        answerLost("withdraw-1");
        Http.Response withdrawnAgain = http().as(s.staff()).header(IdempotentRequests.HEADER, "withdraw-1")
                .header("If-Match", enrolled.header("ETag")).post(withdrawal, Map.of("reason", "外出务工"));
        assertThat(withdrawnAgain.status()).as("its own withdrawal, not an invalid transition: " + withdrawnAgain).isEqualTo(200);
        assertThat(withdrawnAgain.json().path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(remaining(s)).as("the place given back once").isEqualTo(10);
        assertThat(places.find(PlaceCounter.classId(s.classId())).orElseThrow().remaining()).isEqualTo(10);
    }

    @org.springframework.beans.factory.annotation.Autowired
    cn.sunshine.enrollment.registry.PersonYears personYears;

    @Test
    void registeringManyPeopleInOneRoundTripNamesTheHolderOfEachOneRefused() {
        java.util.function.IntFunction<cn.sunshine.enrollment.registry.PersonYear> person = i -> new cn.sunshine.enrollment.registry.PersonYear(
                "registry-test-" + i + "/2026", "enrollment-" + i, "base-1", "应城市职业教育中心", "420981", "4209**********000" + i,
                Instant.now());
        assertThat(personYears.register(person.apply(2))).isEmpty();
        cn.sunshine.enrollment.registry.PersonYear other = new cn.sunshine.enrollment.registry.PersonYear("registry-test-2/2026",
                "enrollment-elsewhere", "base-2", "安陆市培训学校", "420982", "4209**********0002", Instant.now());
        Map<Integer, cn.sunshine.enrollment.registry.PersonYear> refused = personYears.registerAll(
                List.of(person.apply(1), other, person.apply(3)));
        assertThat(refused).containsOnlyKeys(1);
        assertThat(refused.get(1).enrollmentId()).as("the holder, not the refused registration").isEqualTo("enrollment-2");
        assertThat(personYears.find("registry-test-1/2026")).isPresent();
        assertThat(personYears.find("registry-test-3/2026")).as("unordered: the one after the refusal lands too").isPresent();
    }

    @org.springframework.beans.factory.annotation.Autowired
    cn.sunshine.enrollment.trainee.PendingReleases pendingReleases;

    @Test
    void aWithdrawalKilledBeforeItsReleasesIsFinishedByTheSweepGivingBackOnce() {
        Setup s = classOf(10);
        Http.Response enrolled = enroll(s, "desk-to-withdraw", people(1).get(0));
        String enrollmentId = enrolled.json().path("id").asText();
        String withdrawal = "/api/enrollment/enrollments/" + enrollmentId + "/withdrawal";
        org.springframework.data.mongodb.core.query.Query ofIt = org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("enrollmentId").is(enrollmentId));
        cn.sunshine.enrollment.registry.PersonYear registered = mongo.findOne(ofIt, cn.sunshine.enrollment.registry.PersonYear.class);
        assertThat(registered).isNotNull();

        Http.Response refused = http().as(s.staff()).header("If-Match", "\"7\"").post(withdrawal, Map.of("reason", "外出务工"));
        assertThat(refused.status()).isEqualTo(412);
        assertThat(mongo.findById(enrollmentId, cn.sunshine.enrollment.trainee.PendingReleases.ReleaseUnderWay.class))
                .as("a refusal leaves nothing under way").isNull();

        Http.Response withdrawn = http().as(s.staff()).header("If-Match", enrolled.header("ETag"))
                .post(withdrawal, Map.of("reason", "外出务工"));
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(remaining(s)).isEqualTo(10);
        // What the process killed right after the change would have left: the person still registered, both places
        // still taken, the withdrawal written down as under way.
        mongo.insert(registered);
        for (String counter : List.of(s.quotaId(), PlaceCounter.classId(s.classId()))) {
            mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                    org.springframework.data.mongodb.core.query.Criteria.where("_id").is(counter)),
                    new org.springframework.data.mongodb.core.query.Update().inc("remaining", -1).inc("taken", 1)
                            .pull("released", enrollmentId), PlaceCounter.class);
        }
        mongo.insert(new cn.sunshine.enrollment.trainee.PendingReleases.ReleaseUnderWay(enrollmentId,
                Instant.now().minus(Duration.ofMinutes(1))));
        assertThat(remaining(s)).isEqualTo(9);

        assertThat(pendingReleases.closeAbandoned(Instant.now())).isEqualTo(1);
        assertThat(remaining(s)).as("the quota's place given back").isEqualTo(10);
        assertThat(places.find(PlaceCounter.classId(s.classId())).orElseThrow().remaining()).isEqualTo(10);
        assertThat(mongo.findOne(ofIt, cn.sunshine.enrollment.registry.PersonYear.class)).as("the person free again").isNull();
        assertThat(pendingReleases.closeAbandoned(Instant.now())).as("finished once").isZero();
        assertThat(remaining(s)).isEqualTo(10);
    }
}
