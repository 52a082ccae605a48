package cn.sunshine.accreditation.review;

import cn.sunshine.accreditation.application.Application;
import cn.sunshine.accreditation.application.ApplicationStatus;
import cn.sunshine.accreditation.tender.Criterion;
import cn.sunshine.accreditation.tender.Tender;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tender's ranking, computed from the sheets of the reviewers who declared no conflict. Complete
 * when at least three of them scored every application that was not rejected.
 *
 * @param missing what keeps it from being complete, in plain words
 */
public record Ranking(String tenderId, int scale, int passingScore, List<String> reviewers, boolean complete,
                      List<String> missing, List<RankedApplication> entries) {

    public static Ranking compute(Tender tender, ReviewPanel panel, List<Application> applications,
                                  List<ScoreSheet> sheets) {
        List<PanelMember> active = panel == null ? List.of() : panel.active();
        Set<String> activeIds = new HashSet<>();
        active.forEach(m -> activeIds.add(m.reviewerId()));
        List<String> missing = new ArrayList<>();
        if (active.size() < ReviewPanel.MINIMUM_REVIEWERS) {
            missing.add("only " + active.size() + " reviewer(s) declared no conflict of interest; at least "
                    + ReviewPanel.MINIMUM_REVIEWERS + " are needed");
        }
        Map<String, List<ScoreSheet>> byApplication = new HashMap<>();
        for (ScoreSheet s : sheets) {
            if (activeIds.contains(s.getReviewerId())) {
                byApplication.computeIfAbsent(s.getApplicationId(), k -> new ArrayList<>()).add(s);
            }
        }
        List<RankedApplication> unranked = new ArrayList<>();
        for (Application a : applications) {
            if (a.getStatus() == ApplicationStatus.REJECTED) {
                continue;
            }
            List<ScoreSheet> own = byApplication.getOrDefault(a.getId(), List.of());
            Set<String> scoredBy = new HashSet<>();
            own.forEach(s -> scoredBy.add(s.getReviewerId()));
            for (PanelMember m : active) {
                if (!scoredBy.contains(m.reviewerId())) {
                    missing.add(m.name() + " has not scored " + a.getInstitution().legalName());
                }
            }
            unranked.add(entry(tender, a, own));
        }
        List<RankedApplication> sorted = unranked.stream().sorted(ORDER).toList();
        List<RankedApplication> ranked = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            RankedApplication r = sorted.get(i);
            ranked.add(new RankedApplication(i + 1, r.applicationId(), r.institutionName(), r.creditCode(),
                    r.institutionDivision(), r.submittedAt(), r.scoreSum(), r.sheetCount(), r.inspectionsPassed(),
                    r.eligible(), r.ineligibleBecause(), r.criteria(), r.sheets()));
        }
        return new Ranking(tender.getId(), tender.getScale(), tender.getPassingScore(),
                active.stream().map(PanelMember::name).toList(), missing.isEmpty(), List.copyOf(missing),
                List.copyOf(ranked));
    }

    /** Higher average first (compared exactly: a/n against b/m as a·m against b·n), then earlier submission. */
    static final Comparator<RankedApplication> ORDER = (x, y) -> {
        BigInteger left = BigInteger.valueOf(x.scoreSum()).multiply(BigInteger.valueOf(Math.max(1, y.sheetCount())));
        BigInteger right = BigInteger.valueOf(y.scoreSum()).multiply(BigInteger.valueOf(Math.max(1, x.sheetCount())));
        int byScore = right.compareTo(left);
        if (byScore != 0) {
            return byScore;
        }
        int byTime = x.submittedAt().compareTo(y.submittedAt());
        return byTime != 0 ? byTime : x.applicationId().compareTo(y.applicationId());
    };

    private static RankedApplication entry(Tender tender, Application a, List<ScoreSheet> sheets) {
        long sum = 0;
        int passed = 0;
        List<RankedApplication.SheetTotal> totals = new ArrayList<>();
        for (ScoreSheet s : sheets.stream().sorted(Comparator.comparing(ScoreSheet::getSubmittedAt)).toList()) {
            sum += s.getWeightedSum();
            if (s.getInspection().result() == ScoreSheet.InspectionResult.PASSED) {
                passed++;
            }
            totals.add(new RankedApplication.SheetTotal(s.getReviewerId(), s.getReviewerName(), s.getWeightedSum(),
                    s.getInspection().result(), s.getSubmittedAt()));
        }
        List<RankedApplication.CriterionTotal> criteria = new ArrayList<>();
        for (Criterion c : tender.getCriteria()) {
            long raw = sheets.stream().mapToLong(s -> s.score(c.code())).sum();
            criteria.add(new RankedApplication.CriterionTotal(c.code(), c.name(), c.weightBp(), raw));
        }
        int n = sheets.size();
        String because = null;
        if (n == 0) {
            because = "not scored";
        } else if (passed * 2 <= n) {
            because = "the on-site inspection did not pass for the majority of reviewers (" + passed + " of " + n + ")";
        } else if (sum < (long) tender.getPassingScore() * 10_000L * n) {
            because = "the average score is below the passing score " + tender.getPassingScore();
        }
        return new RankedApplication(0, a.getId(), a.getInstitution().legalName(), a.getInstitution().creditCode(),
                a.getInstitution().divisionCode(), a.getSubmission().at(), sum, n, passed, because == null, because,
                List.copyOf(criteria), List.copyOf(totals));
    }
}
