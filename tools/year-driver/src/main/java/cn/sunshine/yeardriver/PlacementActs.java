package cn.sunshine.yeardriver;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Placement's acts for a county: the bases report their classes' placements (就业台账), follow the placed
 * trainees up (a departure and a re-placement, unpaid wages escalated to the county office), and the county
 * office phones a sample of them in its spot-check round.
 */
final class PlacementActs extends Acts {

    PlacementActs(County county) {
        super(county);
    }

    /**
     * Each class's base reports its employment roster in one batch: about 94 % of the completers placed, above
     * the committed 90 %, as the seeds' counties report — and still above it once the spot check disproves its
     * false placement (rounding down the unplaced: 52 of 58 was 89.65 %).
     */
    void reportPlacements() {
        int e = 0;
        for (County.Klass k : county.classes()) {
            List<County.Trainee> completers = k.trainees.stream().filter(t -> t.completed).toList();
            int toPlace = completers.size() - (int) Math.floor(completers.size() * 0.06);
            if (toPlace <= 0) {
                continue;
            }
            List<Placement> entries = new ArrayList<>();
            for (int i = 0; i < toPlace; i++) {
                entries.add(placement(completers.get(i), k, employerFor(k.major, e++), county.cal.date(6, 15), null));
            }
            // Placement learns of completions as events: the batch is accepted once it knows every trainee in it.
            JsonNode placed = gw.await("placement to know class " + k.id + "'s " + toPlace + " completers", EVENTS,
                    () -> gw.post("/api/placement/classes/" + k.id + "/placements", k.base.staff,
                            new Placements(entries), REPEATABLE), r -> r.is(200)).json();
            for (int i = 0; i < toPlace; i++) {
                completers.get(i).placementId = placed.path("placementIds").path(i).asString();
            }
        }
        if (county.employers.isEmpty()) {
            throw new ScenarioFailure("no employers registered");
        }
    }

    /** A placement as the base's staff report it: the employer, the job, the wage, where and from when. */
    private Placement placement(County.Trainee t, County.Klass k, Province.Employer employer, LocalDate start,
                                String replacesPlacementId) {
        return new Placement(t.enrollmentId, county.employers.get(employer.name()), county.data.major(k.major).name() + "工",
                employer.monthlyWageFen(), start.toString(),
                employer.city().startsWith("湖北") ? "IN_PROVINCE" : "OUT_OF_PROVINCE", true, replacesPlacementId);
    }

    private Province.Employer employerFor(String major, int i) {
        List<Province.Employer> hiring = county.data.employers().stream().filter(x -> x.majors().contains(major)).toList();
        List<Province.Employer> from = hiring.isEmpty() ? county.data.employers() : hiring;
        return from.get(i % from.size());
    }

    /**
     * The first monthly contact (跟踪服务台账, one sheet per class): the first trainee reached says the employer
     * has not paid wages (an escalation case the county office resolves); the first of the next class left the job
     * and is re-placed.
     */
    void followUp() {
        Calendar cal = county.cal;
        boolean first = true;
        boolean left = false;
        for (County.Klass k : county.classes()) {
            List<Contact> contacts = new ArrayList<>();
            boolean escalating = false;
            for (County.Trainee t : k.trainees) {
                if (t.placementId == null) {
                    continue;
                }
                if (!first && !left) {
                    left = true;
                    gw.post("/api/placement/placements/" + t.placementId + "/departure", k.base.staff,
                            new Departure(cal.date(7, 10).toString(), "工作不适应，本人辞职")).expect(200);
                    t.rePlacementId = gw.post("/api/placement/placements", k.base.staff,
                            placement(t, k, employerFor(k.major, 7), cal.date(7, 20), t.placementId)).id();
                    continue;
                }
                contacts.add(first
                        ? new Contact(t.placementId, cal.date(7, 12).toString(), true, true, 300_000, 2,
                                List.of("UNPAID_WAGES"), 150_000, "用工单位拖欠6月份工资")
                        : new Contact(t.placementId, cal.date(7, 12).toString(), true, true, 300_000, 4, null, null, null));
                escalating |= first;
                first = false;
            }
            if (contacts.isEmpty()) {
                continue;
            }
            JsonNode recorded = gw.post("/api/placement/classes/" + k.id + "/follow-ups/1", k.base.staff,
                    new FollowUp(contacts), REPEATABLE).expect(200);
            if (escalating) {
                resolveEscalation(recorded);
            }
        }
    }

    /** The county office resolves the unpaid wages: the labour inspectors have the employer pay them in full. */
    private void resolveEscalation(JsonNode recorded) {
        county.escalationCaseId = recorded.path("escalationCaseIds").path(0).asString();
        String id = county.escalationCaseId;
        if (id.isEmpty()) {
            throw new ScenarioFailure("a follow-up with unpaid wages opened no escalation case: " + recorded);
        }
        gw.await("the escalation case " + id, EVENTS, () -> gw.get("/api/placement/escalations/" + id, officer()),
                r -> r.is(200));
        gw.post("/api/placement/escalations/" + id + "/resolution", officer(),
                new Resolution("县劳动监察大队督促用工单位足额补发工资", 150_000)).expect(200);
    }

    /**
     * The county's spot-check round (its seed the server's, recorded before the draw: a county officer cannot
     * name one); the first trainee phoned is not employed as reported.
     */
    void spotChecks() {
        JsonNode round = gw.post("/api/placement/spot-check-rounds", officer(),
                new SpotCheckRound(county.cal.date(6, 1).toString(), county.cal.date(8, 31).toString())).expect(201);
        boolean first = true;
        for (JsonNode summary : round.path("spotChecks")) {
            String id = summary.path("id").asString();
            county.spotCheckIds.add(id);
            JsonNode check = gw.get("/api/placement/spot-checks/" + id, officer()).expect(200);
            for (JsonNode item : check.path("items")) {
                String placementId = item.path("placementId").asString();
                County.Trainee t = county.traineeOfPlacement(placementId);
                // The first sampled placement that is its trainee's only one turns out false (a trainee who left
                // and was re-placed counts by the new job: disproving the old one would not change the figures
                // the checks expect to change).
                boolean falsePlacement = first && t != null && placementId.equals(t.placementId) && t.rePlacementId == null;
                if (falsePlacement) {
                    first = false;
                    t.falsePlacement = true;
                    county.falsePlacementBaseId = check.path("baseId").asString();
                    county.falsePlacementEnrollmentId = t.enrollmentId;
                }
                gw.post("/api/placement/spot-checks/" + id + "/calls", officer(), new Call(placementId, true, true,
                        !falsePlacement, true, false, falsePlacement ? "本人称结业后一直在家务农，未到该企业上班" : "本人确认在岗"))
                        .expect(200, 201);
            }
            gw.post("/api/placement/spot-checks/" + id + "/conclusion", officer(), null).expect(200);
        }
    }

    // ------------------------------------------------------------------------------------------
    // What the acts send.

    record Placements(List<Placement> placements) {
    }

    /** A placement; a re-placement names the one it replaces. */
    record Placement(String enrollmentId, String employerId, String job, long monthlyWageFen, String startDate,
                     String workplace, boolean contractSigned,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String replacesPlacementId) {
    }

    record Departure(String leftOn, String reason) {
    }

    record FollowUp(List<Contact> contacts) {
    }

    /** A trainee reached in a follow-up round; problems, unpaid wages and a note only when there are any. */
    record Contact(String placementId, String contactedOn, boolean reached, boolean stillEmployed, int monthlyWageFen,
                   int satisfaction,
                   @JsonInclude(JsonInclude.Include.NON_NULL) List<String> problems,
                   @JsonInclude(JsonInclude.Include.NON_NULL) Integer unpaidWagesFen,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String note) {
    }

    record Resolution(String resolution, int recoveredWagesFen) {
    }

    record SpotCheckRound(String periodFrom, String periodTo) {
    }

    record Call(String placementId, boolean reached, boolean attendedTraining, boolean employedAsReported,
                boolean subsidyReceived, boolean chargedFee, String note) {
    }
}
