package cn.sunshine.yeardriver;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Inspections and acceptance for a county (检查验收, issue 19): the office visits its first base (督查), scores it
 * against the province's checklist and finds its training files incomplete, ordering a rectification; the base
 * reports the correction and the office verifies it and closes the order before its deadline. Then the year-end
 * acceptance visit (年终验收) of the same base, and its acceptance record: passed.
 */
final class InspectionActs extends Acts {

    /** The checklist's items (version 2026-1) and the points the supervision visit takes off. */
    static final Map<String, Integer> ITEMS = Map.of("OPENNESS", 10, "AGREEMENT", 5, "TEACHING_PLAN", 15,
            "ATTENDANCE", 10, "TEACHERS_FACILITIES", 10, "FEES", 15, "SUBSIDY", 10, "PLACEMENT", 15, "FOLLOW_UP", 5,
            "FILES", 5);
    static final String FINDING = "部分学员档案缺身份证复印件和就业单位联系电话";
    static final int ACCEPTANCE_SCORE = 92;

    InspectionActs(County county) {
        super(county);
    }

    /** The supervision visit, its rectification closed the same week, and the year-end acceptance. */
    void inspectAndAccept() {
        County.Base base = county.bases.get(0);
        String today = county.cal.date(11, 16).toString();
        JsonNode visit = gw.post("/api/accreditation/inspection-visits", officer(), new Visit(base.id, "SUPERVISION",
                today, List.of(county.name() + "阳光办", county.name() + "财政局"), scores("FILES", 2),
                "查阅培训台帐和学员档案，核对收费票据，电话回访学员",
                List.of(new Finding("FILES", FINDING, new Rectification("补齐学员身份证复印件和就业单位联系电话", null)))),
                key("inspection-visit-" + code() + "-" + county.cal.year())).expect(201);
        String order = "/api/accreditation/rectification-orders/" + visit.path("findings").path(0).path("findingId").asString();
        Api.Response reported = gw.post(order + "/report", base.staff,
                new Report("已补齐全部学员身份证复印件，补录就业单位联系电话并经学员签字确认"), key("rectification-report-" + code()));
        reported.expect(200);
        Map<String, String> closure = new java.util.LinkedHashMap<>(key("rectification-closure-" + code()));
        if (reported.etag() != null) {
            closure.put("If-Match", reported.etag()); // the copy the base's report answered: closed as verified
        }
        gw.post(order + "/closure", officer(), new Note("抽查补齐的档案，整改到位"), closure).expect(200);
        county.rectificationOrderUrl = order;

        JsonNode acceptance = gw.post("/api/accreditation/inspection-visits", officer(), new Visit(base.id, "ACCEPTANCE",
                today, List.of(county.name() + "阳光办"), scores("PLACEMENT", 3, "FOLLOW_UP", 2, "FILES", 3),
                "对照检查验收办法逐项验收", List.of()), key("acceptance-visit-" + code() + "-" + county.cal.year())).expect(201);
        county.acceptanceId = gw.post("/api/accreditation/inspection-visits/" + acceptance.path("id").asString()
                        + "/acceptance", officer(), new Acceptance("培训建档规范，资金补助已公示，验收合格"),
                key("acceptance-" + code())).expect(201).path("id").asString();
    }

    /** Every item at its maximum, less the points named (item, points, item, points ...). */
    private static List<Score> scores(Object... less) {
        List<Score> all = new ArrayList<>();
        ITEMS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            int off = 0;
            for (int i = 0; i < less.length; i += 2) {
                off += less[i].equals(e.getKey()) ? (Integer) less[i + 1] : 0;
            }
            all.add(new Score(e.getKey(), e.getValue() - off, off == 0 ? null : "扣" + off + "分"));
        });
        return all;
    }

    record Visit(String baseId, String kind, String visitedOn, List<String> inspectors, List<Score> scores,
                 String summary, List<Finding> findings) {
    }

    record Score(String itemCode, int score, String remark) {
    }

    record Finding(String itemCode, String description, Rectification rectification) {
    }

    record Rectification(String requirement, String deadline) {
    }

    record Report(String correction) {
    }

    record Note(String note) {
    }

    record Acceptance(String conclusion) {
    }
}
