package cn.sunshine.yeardriver;

import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trainees confirm what their base claimed of them (学员确认) for a county: the county office asks the first class's
 * completers (a one-time code by SMS each; the local run's simulated gateway gives the codes back), each opens the
 * public page with their phone (one with the last six of the ID number) and the code and answers; the first
 * completer denies having attended, the last does not answer. The 核准 officer's claim then shows the denied line
 * flagged, and the unanswered one.
 */
final class ConfirmationActs extends Acts {

    static final String LOOKUP = "/api/public/enrollment/confirmations/lookup";
    static final String ANSWERS = "/api/public/enrollment/confirmations/answers";

    ConfirmationActs(County county) {
        super(county);
    }

    /** Asks, answers, and checks that the claim flags the denial. */
    void confirmFirstClass() {
        County.Klass k = county.classes().get(0);
        List<County.Trainee> completers = k.trainees.stream().filter(t -> t.completed).toList();
        if (completers.size() < 3 || k.completionClaimId == null) {
            return;
        }
        JsonNode asked = gw.post("/api/enrollment/classes/" + k.id + "/confirmation-requests", officer(), Map.of(),
                key("confirm-" + k.id)).expect(200);
        Map<String, String> codes = new HashMap<>();
        asked.path("simulatedCodes").forEach(c -> codes.put(c.path("enrollmentId").asString(), c.path("code").asString()));
        County.Trainee denier = completers.get(0);
        County.Trainee silent = completers.get(completers.size() - 1);
        for (County.Trainee t : completers) {
            String code = codes.get(t.enrollmentId);
            if (t == silent || code == null) {
                continue;
            }
            Map<String, Object> who = t == completers.get(1)
                    ? Map.of("idNumberTail", t.person.idNumber().substring(12), "code", code)
                    : Map.of("phone", t.person.phone(), "code", code);
            JsonNode statements = gw.post(LOOKUP, null, who).expect(200);
            boolean paid = statements.path("feeFen").asLong() > 0;
            Map<String, Object> answers = new HashMap<>(who);
            answers.put("attended", t != denier);
            answers.put("completed", true);
            answers.put("subsidyReceived", paid ? "YES" : "NOT_APPLICABLE");
            if (t.placementId == null && t != denier) {
                answers.put("employer", "在家务农");
            }
            gw.post(ANSWERS, null, answers).expect(200);
        }
        String claim = "/api/subsidy/claims/" + k.completionClaimId;
        JsonNode flagged = gw.await("the claim " + k.completionClaimId + " to flag the denied line", EVENTS,
                () -> gw.get(claim, officer()), r -> r.is(200) && denied(r.json(), denier.enrollmentId)).json();
        if (flagged.path("flaggedLines").asInt() < 1) {
            throw new ScenarioFailure("the claim " + k.completionClaimId + " shows no flagged line: " + flagged);
        }
    }

    private static boolean denied(JsonNode claim, String enrollmentId) {
        for (JsonNode c : claim.path("confirmations")) {
            if (enrollmentId.equals(c.path("enrollmentId").asString()) && "DENIED".equals(c.path("status").asString())) {
                return c.path("denied").toString().contains("ATTENDED");
            }
        }
        return false;
    }
}
