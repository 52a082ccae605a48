package cn.sunshine.gateway.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A progress report (进度报告) for a division and a period, composed from the services' parts.
 *
 * @param figures    every figure of the report in a fixed order; null when it cannot be known
 *                   (its part did not answer: see {@code unanswered}) or computed (a rate over 0)
 * @param unanswered for each null figure whose part(s) did not answer, the areas it waits for; a
 *                   figure absent here and null is one that cannot be computed
 * @param complete   true when every part answered
 * @param parts      each area's status, service and reason
 */
public record ProgressReport(String division, String period, LocalDate from, LocalDate to,
                             Map<String, Object> figures, Map<String, List<String>> unanswered, boolean complete,
                             Map<String, PartStatus> parts) {

    /** A part as the report shows it. */
    public record PartStatus(Part.Status status, String service, String reason) {
    }

    /** One figure of the report: its name, Chinese and English headings, and whether it is a rate. */
    record Column(String name, String chinese, String english, Kind kind) {
    }

    enum Kind { COUNT, FEN, RATE_BP, FLAG }

    /** The report's figures in order, with their headings (the XLSX columns after division and period). */
    static final List<Column> COLUMNS = List.of(
            new Column("quota", "任务数", "Quota", Kind.COUNT),
            new Column("enrolled", "培训人数", "Enrolled", Kind.COUNT),
            new Column("completed", "结业人数", "Completed", Kind.COUNT),
            new Column("completionRateBp", "结业率", "Completion rate", Kind.RATE_BP),
            new Column("placed", "转移人数", "Placed", Kind.COUNT),
            new Column("placementRateBp", "转移率", "Placement rate", Kind.RATE_BP),
            new Column("committedPlacementRateBp", "承诺转移率", "Committed placement rate", Kind.RATE_BP),
            new Column("shortfall", "未达承诺", "Below commitment", Kind.FLAG),
            new Column("subsidyCommittedFen", "补助承诺(分)", "Subsidy committed (fen)", Kind.FEN),
            new Column("subsidyPaidFen", "补助已付(分)", "Subsidy paid (fen)", Kind.FEN),
            new Column("spotChecks", "抽查人数", "Spot checks", Kind.COUNT),
            new Column("findings", "问题数", "Findings", Kind.COUNT),
            new Column("basesAccredited", "认定基地数", "Bases accredited", Kind.COUNT),
            new Column("complaintsReceived", "举报受理数", "Complaints received", Kind.COUNT),
            new Column("complaintsSubstantiated", "举报属实数", "Complaints substantiated", Kind.COUNT),
            new Column("inspectionFindings", "检查发现问题数", "Inspection findings", Kind.COUNT));

    /** The figures computed from others, and the figures they are computed from. */
    private static final Map<String, List<String>> DERIVED = Map.of(
            "completionRateBp", List.of("completed", "enrolled"),
            "placementRateBp", List.of("placed", "completed"),
            "shortfall", List.of("placed", "completed", "committedPlacementRateBp"));

    public static ProgressReport compose(String division, ReportPeriod period, Map<String, Part> parts) {
        Map<String, Long> known = new LinkedHashMap<>();
        Map<String, String> ownerOf = new LinkedHashMap<>();
        ProgressParts.FIGURES.forEach((area, names) -> names.forEach(name -> {
            ownerOf.put(name, area);
            Part part = parts.get(area);
            if (part != null && part.ok()) {
                known.put(name, part.figures().get(name));
            }
        }));

        Long quota = known.get("quota");
        Long enrolled = known.get("enrolled");
        Long completed = known.get("completed");
        Long placed = known.get("placed");
        Long committed = known.get("committedPlacementRateBp");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("quota", quota);
        figures.put("enrolled", enrolled);
        figures.put("completed", completed);
        figures.put("completionRateBp", rateBp(completed, enrolled));
        figures.put("placed", placed);
        figures.put("placementRateBp", rateBp(placed, completed));
        figures.put("committedPlacementRateBp", committed);
        figures.put("shortfall", shortfall(placed, completed, committed));
        figures.put("subsidyCommittedFen", known.get("subsidyCommittedFen"));
        figures.put("subsidyPaidFen", known.get("subsidyPaidFen"));
        figures.put("spotChecks", known.get("spotChecks"));
        figures.put("findings", known.get("findings"));
        figures.put("basesAccredited", known.get("basesAccredited"));
        figures.put("complaintsReceived", known.get("complaintsReceived"));
        figures.put("complaintsSubstantiated", known.get("complaintsSubstantiated"));
        figures.put("inspectionFindings", known.get("inspectionFindings"));

        Map<String, List<String>> unanswered = new LinkedHashMap<>();
        for (String name : figures.keySet()) {
            List<String> sources = DERIVED.getOrDefault(name, List.of(name));
            List<String> waiting = new ArrayList<>();
            for (String source : sources) {
                String area = ownerOf.get(source);
                Part part = parts.get(area);
                if ((part == null || !part.ok()) && !waiting.contains(area)) {
                    waiting.add(area);
                }
            }
            if (!waiting.isEmpty()) {
                unanswered.put(name, List.copyOf(waiting));
            }
        }

        Map<String, PartStatus> statuses = new LinkedHashMap<>();
        ProgressParts.FIGURES.keySet().forEach(area -> {
            Part p = parts.get(area);
            statuses.put(area, p == null ? new PartStatus(Part.Status.UNAVAILABLE, area + "-service", "not asked")
                    : new PartStatus(p.status(), p.service(), p.reason()));
        });
        boolean complete = statuses.values().stream().allMatch(s -> s.status() == Part.Status.OK);
        return new ProgressReport(division, period.label(), period.from(), period.to(),
                Collections.unmodifiableMap(figures), Collections.unmodifiableMap(unanswered), complete,
                Collections.unmodifiableMap(statuses));
    }

    /**
     * {@code part / whole} in basis points, rounded half up ({@code 2602 / 2756 → 9441}); null when
     * either is unknown or the whole is 0 (no rate, rather than a false 0 %).
     */
    static Long rateBp(Long part, Long whole) {
        if (part == null || whole == null || whole <= 0 || part < 0) {
            return null;
        }
        return Math.addExact(Math.multiplyExact(part, 20_000L), whole) / Math.multiplyExact(whole, 2L);
    }

    /**
     * True when the placement rate is below the committed rate, compared exactly on the counts
     * ({@code placed × 10000 < committed × completed}), so that rounding never hides a shortfall;
     * null when a figure is unknown or nobody has completed yet.
     */
    static Boolean shortfall(Long placed, Long completed, Long committedBp) {
        if (placed == null || completed == null || committedBp == null || completed <= 0) {
            return null;
        }
        return Math.multiplyExact(placed, 10_000L) < Math.multiplyExact(committedBp, completed);
    }
}
