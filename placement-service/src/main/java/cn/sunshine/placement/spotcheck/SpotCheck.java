package cn.sunshine.placement.spotcheck;

import cn.sunshine.placement.contact.ContactLookups.Outcome;
import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.placement.SpotCheckConcluded;
import cn.sunshine.platform.events.placement.SpotCheckFinding;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A county officer's phone spot check (抽查) of one base's reported placements in a period: the
 * stratum is the base, the sample is drawn reproducibly from the recorded seed, each call is
 * recorded, every discrepancy is a finding against the base (published at once), and the
 * conclusion publishes the round's counts and erases the phones.
 */
@Document("placement_spot_checks")
public class SpotCheck extends AggregateRoot {

    public enum Status { OPEN, CONCLUDED }

    public enum FindingKind { NOT_TRAINED, NOT_EMPLOYED_AS_REPORTED, SUBSIDY_NOT_RECEIVED, FEE_CHARGED }

    @Indexed
    private String baseId;
    @Indexed
    private String divisionCode;
    private int year;
    private LocalDate periodFrom;
    private LocalDate periodTo;
    private int population;
    private int sampleRateBp;
    private long seed;
    /** The county-wide round this draw is the base's stratum of, and the round's seed; null for a single draw. */
    @Indexed
    private String roundId;
    private Long roundSeed;
    private List<SpotCheckItem> items;
    private Status status;
    private Instant drawnAt;
    private String drawnBy;
    private Instant concludedAt;
    private String concludedBy;

    protected SpotCheck() {
    }

    static SpotCheck draw(String baseId, String divisionCode, LocalDate from, LocalDate to, int population,
                          int sampleRateBp, long seed, String roundId, Long roundSeed, List<SpotCheckItem> items,
                          Instant now, String by) {
        SpotCheck s = new SpotCheck();
        s.roundId = roundId;
        s.roundSeed = roundSeed;
        s.id = Ids.newId();
        s.baseId = baseId;
        s.divisionCode = divisionCode;
        s.year = to.getYear();
        s.periodFrom = from;
        s.periodTo = to;
        s.population = population;
        s.sampleRateBp = sampleRateBp;
        s.seed = seed;
        s.items = new ArrayList<>(items);
        s.status = Status.OPEN;
        s.drawnAt = now;
        s.drawnBy = by;
        return s;
    }

    List<SpotCheckItem> pendingContacts() {
        return items.stream().filter(i -> i.contact() == Outcome.PENDING).toList();
    }

    void contactRetrieved(String placementId, Outcome outcome, String phone, String problem) {
        requireOpen("given contacts");
        items = items.stream().map(i -> i.placementId().equals(placementId) ? i.withContact(outcome, phone, problem) : i)
                .toList();
    }

    /**
     * Erases the phones of an open check held longer than the retention: each such contact is
     * pending again (the officer asks enrollment again, audited, when still calling).
     *
     * @return how many phones were erased
     */
    int erasePhones() {
        int erased = (int) items.stream().filter(i -> i.phone() != null).count();
        items = items.stream().map(i -> i.phone() == null ? i
                : i.withoutPhone().withContact(Outcome.PENDING, null, "phone erased after the retention period: ask again"))
                .toList();
        return erased;
    }

    /** Records the call of a sampled placement; each discrepancy becomes a finding, published with it. */
    void recordCall(String placementId, boolean reached, Boolean attended, Boolean employed, Boolean subsidyReceived,
                    Boolean chargedFee, String note, Instant now, String by) {
        requireOpen("called");
        SpotCheckItem item = items.stream().filter(i -> i.placementId().equals(placementId)).findFirst()
                .orElseThrow(() -> DomainException.invalidField("placementId", Phrase.coded("spot-check.not-sampled",
                    "is not in this spot check's sample")));
        if (item.call() != null) {
            throw DomainException.conflict("already-called", "Already called",
                    "the call of placement " + placementId + " was recorded");
        }
        List<FindingKind> kinds = new ArrayList<>();
        if (reached) {
            if (attended == null || employed == null || subsidyReceived == null || chargedFee == null) {
                throw DomainException.invalidField("attendedTraining", Phrase.coded("spot-check.four-answers",
                    "a reached trainee answers all four questions (attendedTraining, employedAsReported, subsidyReceived, chargedFee)"));
            }
            if (!attended) {
                kinds.add(FindingKind.NOT_TRAINED);
            }
            if (!employed) {
                kinds.add(FindingKind.NOT_EMPLOYED_AS_REPORTED);
            }
            if (!subsidyReceived) {
                kinds.add(FindingKind.SUBSIDY_NOT_RECEIVED);
            }
            if (chargedFee) {
                kinds.add(FindingKind.FEE_CHARGED);
            }
        }
        List<String> ids = new ArrayList<>();
        for (FindingKind k : kinds) {
            String findingId = id + "-" + placementId + "-" + k.name();
            ids.add(findingId);
            recordEvent(EventTypes.FINDING_RECORDED, new SpotCheckFinding(findingId, id, placementId,
                    item.enrollmentId(), baseId, divisionCode, year, k.name(), note, now, by), divisionCode, now);
        }
        Call call = new Call(reached, attended, employed, subsidyReceived, chargedFee, note, List.copyOf(ids),
                kinds.stream().map(Enum::name).toList(), now, by);
        items = items.stream().map(i -> i.placementId().equals(placementId) ? i.withCall(call) : i).toList();
    }

    /** Ends the round: publishes its counts and erases the phones. Calls not made count as not reached. */
    void conclude(Instant now, String by) {
        requireOpen("concluded again");
        int called = (int) items.stream().filter(i -> i.call() != null && i.call().reached()).count();
        int confirmed = (int) items.stream().filter(i -> i.call() != null && i.call().confirmsEverything()).count();
        List<String> findings = items.stream().filter(i -> i.call() != null)
                .flatMap(i -> i.call().findingKinds().stream()).toList();
        status = Status.CONCLUDED;
        concludedAt = now;
        concludedBy = by;
        items = items.stream().map(SpotCheckItem::withoutPhone).toList();
        recordEvent(EventTypes.SPOT_CHECK_CONCLUDED, new SpotCheckConcluded(id, baseId, divisionCode, year, periodFrom,
                periodTo, population, items.size(), seed, called, confirmed, findings, now), divisionCode, now);
    }

    private void requireOpen(String act) {
        if (status != Status.OPEN) {
            throw DomainException.invalidTransition("spot check", status, act);
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

    public LocalDate getPeriodFrom() {
        return periodFrom;
    }

    public LocalDate getPeriodTo() {
        return periodTo;
    }

    public int getPopulation() {
        return population;
    }

    public int getSampleRateBp() {
        return sampleRateBp;
    }

    public long getSeed() {
        return seed;
    }

    public String getRoundId() {
        return roundId;
    }

    public Long getRoundSeed() {
        return roundSeed;
    }

    public List<SpotCheckItem> getItems() {
        return items;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getDrawnAt() {
        return drawnAt;
    }

    public String getDrawnBy() {
        return drawnBy;
    }

    public Instant getConcludedAt() {
        return concludedAt;
    }

    public String getConcludedBy() {
        return concludedBy;
    }
}
