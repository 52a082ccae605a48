package cn.sunshine.yeardriver;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Enrollment's acts for a county: a base reports its classes and enrolls their trainees (two at the desk, the
 * rest by roster file), the county office opens each class and checks its roster, trainees leave, and the base
 * records the assessments and the completions.
 */
final class EnrollmentActs extends Acts {

    EnrollmentActs(County county) {
        super(county);
    }

    /** The base reports classes of each of its majors (at most a class size each) and enrolls their trainees. */
    void reportClasses(County.Base base) {
        Calendar cal = county.cal;
        for (Map.Entry<String, Integer> q : base.quota.entrySet()) {
            int remaining = q.getValue();
            int n = 0;
            while (remaining > 0) {
                int size = Math.min(county.classSize, remaining);
                remaining -= size;
                County.Klass k = new County.Klass();
                k.base = base;
                k.major = q.getKey();
                k.size = size;
                List<Province.Town> towns = county.division.towns();
                Province.Town town = towns.get((base.classes.size() + n++) % towns.size());
                String village = town.villages().get(0);
                ClassReport body = new ClassReport(k.major, cal.date(4, 15).toString(), cal.date(5, 31).toString(),
                        new Place(town.name(), village, town.name() + village + "村委会培训室", true), "FREE", size + 5, 0);
                k.id = gw.await("enrollment to accept " + base.institution.name() + "'s class (agreement signed)",
                        EVENTS, () -> gw.post("/api/enrollment/classes", base.staff, body), r -> r.is(201))
                        .json().path("id").asString();
                base.classes.add(k);
                enroll(k);
            }
        }
    }

    private void enroll(County.Klass k) {
        List<People.Person> persons = new ArrayList<>();
        for (int i = 0; i < k.size; i++) {
            persons.add(county.people.next(county.division, county.year, i));
        }
        int atDesk = Math.min(2, persons.size());
        for (int i = 0; i < atDesk; i++) {
            People.Person p = persons.get(i);
            County.Trainee t = trainee(p);
            Enrollment body = new Enrollment(p.name(), p.male() ? "MALE" : "FEMALE", p.idNumber(), p.household(), p.town(),
                    p.village(), true, p.phone(), p.education(), p.tier(), t.subsidyFen);
            t.enrollmentId = gw.await("the agreed quota to reach enrollment", EVENTS,
                    () -> gw.post("/api/enrollment/classes/" + k.id + "/enrollments", k.base.staff, body,
                            key("desk-" + k.id + "-" + k.trainees.size())),
                    r -> r.is(201)).json().path("id").asString();
            k.trainees.add(t);
        }
        if (persons.size() > atDesk) {
            StringBuilder csv = new StringBuilder("姓名,性别,身份证号,户籍县,乡镇,村,农村户籍,手机,文化程度,补助档次,补助金额(分)\n");
            List<County.Trainee> imported = new ArrayList<>();
            for (People.Person p : persons.subList(atDesk, persons.size())) {
                County.Trainee t = trainee(p);
                imported.add(t);
                csv.append(String.join(",", p.name(), p.male() ? "男" : "女", p.idNumber(), p.household(), p.town(),
                        p.village(), "是", p.phone(), p.education(), p.tier(), Long.toString(t.subsidyFen))).append('\n');
            }
            JsonNode result = gw.postRaw("/api/enrollment/classes/" + k.id + "/roster", k.base.staff, csv.toString(),
                    "text/csv; charset=utf-8", key("roster-" + k.id)).expect(201);
            JsonNode ids = result.path("enrollmentIds");
            if (ids.size() != imported.size()) {
                throw new ScenarioFailure("roster import of " + imported.size() + " answered " + result);
            }
            for (int i = 0; i < imported.size(); i++) {
                imported.get(i).enrollmentId = ids.get(i).asString();
            }
            k.trainees.addAll(imported);
        }
    }

    private County.Trainee trainee(People.Person p) {
        County.Trainee t = new County.Trainee();
        t.person = p;
        t.subsidyFen = county.data.subsidyTiers().get(p.tier());
        synchronized (county.personalData) {
            county.personalData.add(p.idNumber());
            county.personalData.add(p.phone());
        }
        return t;
    }

    /**
     * The county office opens the class and checks each trainee against the roster: the impostor (if any) is
     * rejected, and the base withdraws that enrollment.
     */
    void open(County.Klass k, County.Trainee impostor) {
        gw.post("/api/enrollment/classes/" + k.id + "/opening", officer(), new Opening("县阳光办到场核查开班")).expect(200);
        List<RosterCheck> checks = new ArrayList<>();
        for (County.Trainee t : k.trainees) {
            t.rejected = t == impostor;
            checks.add(t.rejected ? new RosterCheck(t.enrollmentId, "REJECTED", "本人未到场，由他人冒名顶替")
                    : new RosterCheck(t.enrollmentId, "VERIFIED", null));
        }
        gw.post("/api/enrollment/classes/" + k.id + "/roster-checks", officer(), new RosterChecks(checks), REPEATABLE)
                .expect(200);
        for (County.Trainee t : k.trainees) {
            if (t.rejected) {
                gw.post("/api/enrollment/enrollments/" + t.enrollmentId + "/withdrawal", k.base.staff,
                        new Leaving("名册核查未通过，退学")).expect(200);
            }
        }
    }

    /** The base records that a trainee dropped out. */
    void dropOut(County.Klass k, County.Trainee leaver) {
        leaver.dropped = true;
        gw.post("/api/enrollment/enrollments/" + leaver.enrollmentId + "/dropout", k.base.staff,
                new Leaving("家中有事，外出务工，中途退学")).expect(200);
    }

    /** The theory exam and the skill test of those sitting; the failing trainee (if any) re-sits a week later. */
    void assess(County.Klass k, County.Trainee failing) {
        List<Assessment> assessments = new ArrayList<>();
        List<County.Trainee> sitting = sitting(k);
        for (int i = 0; i < sitting.size(); i++) {
            County.Trainee t = sitting.get(i);
            t.failedFirstAssessment = t == failing;
            assessments.add(new Assessment(t.enrollmentId, t.failedFirstAssessment ? 45 : 70 + (i * 7) % 28,
                    65 + (i * 11) % 33));
        }
        gw.post("/api/enrollment/classes/" + k.id + "/assessments", k.base.staff, new Assessments(assessments), REPEATABLE)
                .expect(200);
        for (County.Trainee t : sitting) {
            if (t.failedFirstAssessment) {
                gw.post("/api/enrollment/enrollments/" + t.enrollmentId + "/assessment", k.base.staff, new Scores(76, 80))
                        .expect(200);
            }
        }
    }

    /** Every trainee who sat completes, with a certificate. */
    void complete(County.Klass k) {
        List<Completion> completions = new ArrayList<>();
        for (County.Trainee t : sitting(k)) {
            completions.add(new Completion(t.enrollmentId, "JY" + county.year + code()
                    + String.format("%05d", Math.floorMod(t.enrollmentId.hashCode(), 100000))));
            t.completed = true;
        }
        gw.post("/api/enrollment/classes/" + k.id + "/completions", k.base.staff, new Completions(completions), REPEATABLE)
                .expect(200);
    }

    /** Those who sit the assessment: neither rejected at the opening nor dropped out. */
    static List<County.Trainee> sitting(County.Klass k) {
        return k.trainees.stream().filter(t -> t.standing() && !t.dropped).toList();
    }

    // ------------------------------------------------------------------------------------------
    // What the acts send.

    record ClassReport(String majorCode, String plannedStart, String plannedEnd, Place place, String trainingForm,
                       int capacity, int feeFen) {
    }

    record Place(String town, String village, String address, boolean mobile) {
    }

    record Enrollment(String name, String gender, String idNumber, String householdDivision, String town, String village,
                      boolean ruralHousehold, String phone, String education, String subsidyTier, long subsidyFen) {
    }

    record Opening(String notes) {
    }

    record RosterChecks(List<RosterCheck> checks) {
    }

    /** A trainee checked at the opening; a reason only when rejected. */
    record RosterCheck(String enrollmentId, String outcome, @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
    }

    /** A withdrawal or a dropout. */
    record Leaving(String reason) {
    }

    record Assessments(List<Assessment> assessments) {
    }

    record Assessment(String enrollmentId, int theoryScore, int practicalScore) {
    }

    record Scores(int theoryScore, int practicalScore) {
    }

    record Completions(List<Completion> completions) {
    }

    record Completion(String enrollmentId, String certificateNumber) {
    }
}
