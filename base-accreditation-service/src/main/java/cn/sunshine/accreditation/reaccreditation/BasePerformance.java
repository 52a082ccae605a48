package cn.sunshine.accreditation.reaccreditation;

import cn.sunshine.platform.time.ProgramCalendar;
import cn.sunshine.platform.domain.AggregateRoot;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the other services report of a base's year, kept from their events exactly once
 * ({@code Projections}): enrolled, completed, placed, spot checks, trainees' confirmations (asked, confirmed,
 * denied: {@link #confirmationRateBp()}), inspection findings and the year-end
 * acceptance. The annual review shows it beside
 * the facts the officer enters. Id: {@code <baseId>:<year>}.
 *
 * <p>{@code placed} counts the placements published as placed, by their ids, less those a spot check
 * disproved ({@code placement.placement.disproved.v1}): a disproved placement is taken out, or —
 * when its disproval arrives first — never counted.
 */
@Document("base_performance")
public class BasePerformance extends AggregateRoot {

    @Indexed
    private String baseId;
    private String divisionCode;
    private int year;
    private int enrolled;
    private int completed;
    private int placed;
    /** The placements counted in {@code placed} (so that a disproval takes out only what was counted). */
    private List<String> placedIds;
    /** Placements disproved by a spot-check finding: taken out of {@code placed}, or never counted. */
    private List<String> disprovedIds;
    private int spotChecksCalled;
    private int spotChecksConfirmed;
    private List<String> findings;
    /** Trainees asked to confirm what the base claims of them (学员确认), confirmed all, denied a statement. */
    private int confirmationsAsked;
    private int confirmationsConfirmed;
    private int confirmationsDenied;
    /** The year-end acceptance (年终验收): its score and whether it passed (null until recorded). */
    private Integer acceptanceScore;
    private Boolean acceptancePassed;
    private Instant lastEventAt;

    protected BasePerformance() {
    }

    public static String idOf(String baseId, int year) {
        return baseId + ":" + year;
    }

    static int yearOf(Instant at) {
        return ProgramCalendar.dateOf(Objects.requireNonNull(at, "the event carries no time")).getYear();
    }

    static BasePerformance start(String baseId, String divisionCode, int year) {
        BasePerformance p = new BasePerformance();
        p.id = idOf(Objects.requireNonNull(baseId, "the event names no base"), year);
        p.baseId = baseId;
        p.divisionCode = divisionCode;
        p.year = year;
        p.findings = List.of();
        return p;
    }

    void enrolled(Instant at) {
        enrolled++;
        touch(at);
    }

    void completed(Instant at) {
        completed++;
        touch(at);
    }

    void placed(String placementId, Instant at) {
        if (placementId == null) {
            throw new IllegalArgumentException("a placement without its id");
        }
        if (!getDisprovedIds().contains(placementId) && !getPlacedIds().contains(placementId)) {
            placed++;
            placedIds = append(placedIds, placementId);
        }
        touch(at);
    }

    /** A spot check disproved the placement: it counts no more (or never, when it had not arrived yet). */
    void disproved(String placementId, Instant at) {
        if (placementId == null) {
            throw new IllegalArgumentException("a disproval without its placement");
        }
        if (getDisprovedIds().contains(placementId)) {
            return;
        }
        disprovedIds = append(disprovedIds, placementId);
        if (getPlacedIds().contains(placementId)) {
            placed--;
            placedIds = getPlacedIds().stream().filter(id -> !id.equals(placementId)).toList();
        }
        touch(at);
    }

    private static List<String> append(List<String> list, String id) {
        List<String> all = new ArrayList<>(list == null ? List.of() : list);
        all.add(id);
        return List.copyOf(all);
    }

    /** placed / completed in basis points (floor, as the review's rates); null when nobody completed. */
    public Integer placementRateBp() {
        return completed == 0 ? null : (int) (placed * 10_000L / completed);
    }

    void spotChecked(int called, int confirmed, List<String> newFindings, Instant at) {
        spotChecksCalled += called;
        spotChecksConfirmed += confirmed;
        List<String> all = new ArrayList<>(findings == null ? List.of() : findings);
        if (newFindings != null) {
            all.addAll(newFindings);
        }
        findings = List.copyOf(all);
        touch(at);
    }

    /** A complaint about the base found substantiated (监督举报属实): its findings join the year's. */
    void complaintSubstantiated(String complaintId, List<String> complaintFindings, Instant at) {
        List<String> all = new ArrayList<>(findings == null ? List.of() : findings);
        String prefix = "监督举报 " + complaintId + "：";
        if (all.stream().noneMatch(f -> f.startsWith(prefix))) {
            all.add(prefix + String.join("；", complaintFindings == null ? List.of() : complaintFindings));
        }
        findings = List.copyOf(all);
        touch(at);
    }

    /** A trainee of the base was asked to confirm (once per enrollment: enrollment-service asks once). */
    void confirmationAsked(Instant at) {
        confirmationsAsked++;
        touch(at);
    }

    /** A trainee answered: confirmed everything, or denied a statement (the answers are final: once per enrollment). */
    void confirmationAnswered(boolean denied, Instant at) {
        if (denied) {
            confirmationsDenied++;
        } else {
            confirmationsConfirmed++;
        }
        touch(at);
    }

    /** An inspection visit's finding about the base (督查发现问题): it joins the year's findings, once. */
    void inspectionFinding(String findingId, String kindName, String description, Instant at) {
        addFinding(kindName + " " + findingId + "：", description, at);
    }

    /** The base's year-end acceptance: its score; a failed one is a finding of the year. */
    void accepted(String acceptanceId, int score, int passingScore, boolean passed, Instant at) {
        acceptanceScore = score;
        acceptancePassed = passed;
        if (!passed) {
            addFinding("年终验收 " + acceptanceId + "：", "未通过，得分" + score + "（合格分" + passingScore + "）", at);
        }
        touch(at);
    }

    /** confirmed / asked in basis points (floor); null when nobody was asked. */
    public Integer confirmationRateBp() {
        return confirmationsAsked == 0 ? null : (int) (confirmationsConfirmed * 10_000L / confirmationsAsked);
    }

    public int getConfirmationsAsked() {
        return confirmationsAsked;
    }

    public int getConfirmationsConfirmed() {
        return confirmationsConfirmed;
    }

    public int getConfirmationsDenied() {
        return confirmationsDenied;
    }

    private void addFinding(String prefix, String text, Instant at) {
        List<String> all = new ArrayList<>(getFindings());
        if (all.stream().noneMatch(f -> f.startsWith(prefix))) {
            all.add(prefix + text);
        }
        findings = List.copyOf(all);
        touch(at);
    }

    private void touch(Instant at) {
        if (lastEventAt == null || (at != null && at.isAfter(lastEventAt))) {
            lastEventAt = at;
        }
    }

    public String getBaseId() {
        return baseId;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public int getYear() {
        return year;
    }

    public int getEnrolled() {
        return enrolled;
    }

    public int getCompleted() {
        return completed;
    }

    public int getPlaced() {
        return placed;
    }

    public List<String> getPlacedIds() {
        return placedIds == null ? List.of() : placedIds;
    }

    public List<String> getDisprovedIds() {
        return disprovedIds == null ? List.of() : disprovedIds;
    }

    /**
     * Placements of the base's year disproved by spot checks: taken out of placed, or never counted (a
     * re-placement is never counted as placed, nor one whose disproval arrived first).
     */
    public int getDisproved() {
        return getDisprovedIds().size();
    }

    public int getSpotChecksCalled() {
        return spotChecksCalled;
    }

    public int getSpotChecksConfirmed() {
        return spotChecksConfirmed;
    }

    public List<String> getFindings() {
        return findings == null ? List.of() : findings;
    }

    public Integer getAcceptanceScore() {
        return acceptanceScore;
    }

    public Boolean getAcceptancePassed() {
        return acceptancePassed;
    }

    public Instant getLastEventAt() {
        return lastEventAt;
    }
}
