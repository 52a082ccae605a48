package cn.sunshine.accreditation.reaccreditation;

import cn.sunshine.accreditation.support.ProgramCalendar;
import cn.sunshine.platform.domain.AggregateRoot;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the other services report of a base's year, kept from their events exactly once
 * ({@code Projections}): enrolled, completed, placed, spot checks. The annual review shows it beside
 * the facts the officer enters. Id: {@code <baseId>:<year>}.
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
    private int spotChecksCalled;
    private int spotChecksConfirmed;
    private List<String> findings;
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

    void placed(Instant at) {
        placed++;
        touch(at);
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

    public int getSpotChecksCalled() {
        return spotChecksCalled;
    }

    public int getSpotChecksConfirmed() {
        return spotChecksConfirmed;
    }

    public List<String> getFindings() {
        return findings == null ? List.of() : findings;
    }

    public Instant getLastEventAt() {
        return lastEventAt;
    }
}
