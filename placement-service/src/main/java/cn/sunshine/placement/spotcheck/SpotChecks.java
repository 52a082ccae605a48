package cn.sunshine.placement.spotcheck;

import cn.sunshine.placement.contact.ContactLookups;
import cn.sunshine.placement.contact.ContactLookups.Outcome;
import cn.sunshine.placement.contact.EnrollmentContactClient.Purpose;
import cn.sunshine.placement.placement.Placement;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.PageResult;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Draws spot checks, fetches their call list's contacts, records calls and concludes them. */
@Service
public class SpotChecks extends UseCase {

    private final ContactLookups contacts;
    private final SpotCheckProperties properties;

    public SpotChecks(Changes changes, Clock clock, ContactLookups contacts, SpotCheckProperties properties) {
        super(changes, clock);
        this.contacts = contacts;
        this.properties = properties;
    }

    public SpotCheck find(String id) {
        SpotCheck s = mongo.findById(id, SpotCheck.class);
        if (s == null) {
            throw DomainException.notFound("spot check " + id);
        }
        return s;
    }

    /**
     * Draws the sample of the placements {@code baseId} reported from {@code from} to {@code to}
     * (Asia/Shanghai dates) and fetches each contact: a round of one stratum (its seed the server's,
     * recorded before the draw). The draw completes even when enrollment is unavailable: those
     * contacts are pending.
     */
    public SpotCheck draw(String baseId, LocalDate from, LocalDate to) {
        CurrentUser officer = Jurisdiction.requireRole(Role.COUNTY_OFFICER);
        checkPeriod(from, to);
        SpotCheckDraw record = record(SpotCheckDraw.Kind.SINGLE_BASE, baseId, from, to, officer);
        Drawn drawn = drawStratum(baseId, from, to, record, officer);
        complete(record, List.of(drawn));
        return drawn.check();
    }

    /** What a county-wide round drew: its id, its seed and one spot check per base (the strata). */
    public record Round(String roundId, long seed, String seedCommitment, List<SpotCheck> spotChecks) {
    }

    /**
     * A county-wide round: every base that reported placements in the officer's jurisdiction in the
     * period is a stratum, drawn with its own seed derived from the round's, at least one placement
     * per base. The round's seed is the server's (HMAC of the round id under its secret), recorded
     * before anything is drawn.
     */
    public Round drawRound(LocalDate from, LocalDate to) {
        CurrentUser officer = Jurisdiction.requireRole(Role.COUNTY_OFFICER);
        checkPeriod(from, to);
        Query q = Query.query(new Criteria().andOperator(Jurisdiction.scope("divisionCode"),
                Criteria.where("reportedOn").gte(from).lte(to), notDisproved()));
        List<String> bases = mongo.findDistinct(q, "baseId", Placement.class, String.class).stream().sorted().toList();
        if (bases.isEmpty()) {
            throw DomainException.rule("nothing-to-check", "Nothing to check",
                    "no base in your jurisdiction reported placements from " + from + " to " + to);
        }
        SpotCheckDraw record = record(SpotCheckDraw.Kind.ROUND, null, from, to, officer);
        List<Drawn> drawn = bases.stream().map(b -> drawStratum(b, from, to, record, officer)).toList();
        complete(record, drawn);
        return new Round(record.id(), record.seed(), record.seedCommitment(), drawn.stream().map(Drawn::check).toList());
    }

    /** The record of a round (or single draw), for officers, leaders and auditors covering it; else 404. */
    public SpotCheckDraw findDraw(String roundId) {
        SpotCheckDraw d = mongo.findById(roundId, SpotCheckDraw.class);
        if (d == null) {
            throw DomainException.notFound("spot-check round " + roundId);
        }
        Jurisdiction.requireCovers(d.divisionCode(), "spot-check round " + roundId);
        return d;
    }

    /** The round's id and seed, written before the population is read and the sample drawn. */
    private SpotCheckDraw record(SpotCheckDraw.Kind kind, String baseId, LocalDate from, LocalDate to,
                                 CurrentUser officer) {
        String roundId = cn.sunshine.platform.domain.Ids.newId();
        long seed = Sampler.roundSeed(properties.seedKey(), roundId);
        SpotCheckDraw record = new SpotCheckDraw(roundId, kind, SpotCheckDraw.Status.RECORDED,
                officer.division() == null ? null : officer.division().value(), baseId, from, to, seed,
                SpotCheckDraw.SEED_SOURCE, Sampler.commitment(seed), properties.sampleRateBp(),
                properties.minimumPerBase(), clock.instant(), officer.subject(), List.of());
        return mongo.insert(record);
    }

    /** A stratum drawn: its spot check and the population's ids, in the order the draw used. */
    private record Drawn(SpotCheck check, List<String> populationIds) {
    }

    private void complete(SpotCheckDraw record, List<Drawn> drawn) {
        List<SpotCheckDraw.Stratum> strata = drawn.stream().map(d -> new SpotCheckDraw.Stratum(d.check().getBaseId(),
                d.check().getId(), d.check().getSeed(), d.check().getPopulation(), d.check().getItems().size(),
                d.populationIds(), d.check().getItems().stream().map(SpotCheckItem::placementId).toList())).toList();
        mongo.save(record.drawn(strata));
    }

    /** A placement already disproved is no longer what the base claims: it is not drawn again. */
    private static Criteria notDisproved() {
        return Criteria.where("status").ne(cn.sunshine.placement.placement.PlacementStatus.DISPROVED);
    }

    private static void checkPeriod(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw DomainException.invalidField("periodTo", Phrase.coded("spot-check.period-order",
                    "must not be before periodFrom"));
        }
        if (from.getYear() != to.getYear()) {
            throw DomainException.invalidField("periodTo", Phrase.coded("spot-check.period-year",
                    "must be in the same program year as periodFrom"));
        }
        if (ChronoUnit.DAYS.between(from, to) > 366) {
            throw DomainException.invalidField("periodTo", Phrase.coded("spot-check.period-length",
                    "a period is a year at most"));
        }
    }

    private Drawn drawStratum(String baseId, LocalDate from, LocalDate to, SpotCheckDraw round,
                                  CurrentUser officer) {
        long seed = Sampler.stratumSeed(round.seed(), baseId);
        Query q = Query.query(new Criteria().andOperator(Jurisdiction.scope("divisionCode"),
                Criteria.where("baseId").is(baseId), Criteria.where("reportedOn").gte(from).lte(to), notDisproved()));
        List<Placement> population = mongo.find(q, Placement.class);
        if (population.isEmpty()) {
            throw DomainException.rule("nothing-to-check", "Nothing to check",
                    "base " + baseId + " reported no placements in your jurisdiction from " + from + " to " + to);
        }
        int size = properties.sampleSize(population.size());
        Map<String, Placement> byId = population.stream().collect(Collectors.toMap(Placement::getId, Function.identity()));
        List<String> populationIds = byId.keySet().stream().sorted().toList();
        List<SpotCheckItem> items = Sampler.draw(populationIds, size, seed).stream().map(byId::get)
                .map(p -> new SpotCheckItem(p.getId(), p.getEnrollmentId(), p.getTraineeName(), p.getMaskedIdNumber(),
                        p.getEmployer().name(), p.getEmployer().address(), p.getJob(), p.getWorkplace().name(),
                        Outcome.PENDING, null, "not looked up yet", null))
                .toList();
        SpotCheck check = SpotCheck.draw(baseId, population.get(0).getDivisionCode(), from, to, population.size(),
                properties.sampleRateBp(), seed, round.id(), round.seed(), items, clock.instant(), officer.subject());

        fetchPending(check, officer);
        return new Drawn(store.insert(check), populationIds);
    }

    /** A spot check as an officer changed it, and who (the view depends on the caller). */
    public record Acted(SpotCheck check, CurrentUser officer) {
    }

    /** The spot check, for a reader whose jurisdiction covers it (404 otherwise). */
    public SpotCheck get(String id) {
        SpotCheck s = find(id);
        Jurisdiction.requireCovers(s.getDivisionCode(), "spot check " + id);
        return s;
    }

    /** Spot checks in the caller's jurisdiction, newest first. */
    public PageResult<SpotCheck> list(String baseId, String roundId, Integer page, Integer size) {
        Criteria c = Jurisdiction.scope("divisionCode");
        if (baseId != null) {
            c = new Criteria().andOperator(c, Criteria.where("baseId").is(baseId));
        }
        if (roundId != null) {
            c = new Criteria().andOperator(c, Criteria.where("roundId").is(roundId));
        }
        return PageResult.find(mongo, Query.query(c), SpotCheck.class, page, size, Sort.by(Sort.Direction.DESC, "drawnAt"));
    }

    /** Asks enrollment again for the contacts still pending. */
    public Acted retryContacts(String id) {
        return officerChange(id, null, (check, officer) -> {
            if (check.getStatus() != SpotCheck.Status.OPEN) {
                throw DomainException.invalidTransition("spot check", check.getStatus(), "given contacts");
            }
            fetchPending(check, officer);
        });
    }

    /** Records a call: each discrepancy becomes a finding against the base. */
    public Acted recordCall(String id, String ifMatch, SpotCheckDtos.CallRequest r) {
        return officerChange(id, ifMatch, (check, officer) -> check.recordCall(r.placementId(), r.reached(),
                r.attendedTraining(), r.employedAsReported(), r.subsidyReceived(), r.chargedFee(),
                r.note() == null ? null : r.note().trim(), clock.instant(), officer.subject()));
    }

    /** Concludes the round: publishes its counts and erases the phones. */
    public Acted conclude(String id, String ifMatch) {
        return officerChange(id, ifMatch, (check, officer) -> check.conclude(clock.instant(), officer.subject()));
    }

    /** A change by a county officer over the check's county ({@link Changes}). */
    private Acted officerChange(String id, String ifMatch, Changes.Act<SpotCheck> act) {
        Changes.Changed<SpotCheck, CurrentUser> done = changes.changeWithResult(SpotCheck.class, id, ifMatch,
                s -> Jurisdiction.roleOver(s.getDivisionCode(), "spot check " + id, Role.COUNTY_OFFICER), (SpotCheck s, CurrentUser officer) -> {
                    act.apply(s, officer);
                    return officer;
                });
        return new Acted(done.aggregate(), done.result());
    }

    private void fetchPending(SpotCheck check, CurrentUser officer) {
        for (SpotCheckItem item : check.pendingContacts()) {
            ContactLookups.Answer a = contacts.lookup(item.enrollmentId(), Purpose.SPOT_CHECK,
                    "spot check " + check.getId() + " of base " + check.getBaseId() + " by " + officer.subject());
            check.contactRetrieved(item.placementId(), a.outcome(), a.phone(), a.problem());
        }
    }

    /**
     * Erases the phones of open spot checks drawn longer ago than the retention; a check changed
     * meanwhile is left for the next run.
     *
     * @return how many phones were erased
     */
    @org.springframework.scheduling.annotation.Scheduled(
            fixedDelayString = "${sunshine.placement.spot-check.phone-sweep-interval:PT1H}",
            initialDelayString = "${sunshine.placement.spot-check.phone-sweep-interval:PT1H}")
    public int erasePhonesPastRetention() {
        java.time.Instant cutoff = clock.instant().minus(properties.phoneRetention());
        List<SpotCheck> held = mongo.find(Query.query(Criteria.where("status").is(SpotCheck.Status.OPEN)
                .and("drawnAt").lt(cutoff).and("items.phone").ne(null)), SpotCheck.class);
        int erased = 0;
        for (SpotCheck s : held) {
            int n = s.erasePhones();
            if (n > 0) {
                try {
                    // Pinned to the version read: a check changed meanwhile is left for the next run.
                    changes.change(SpotCheck.class, s.getId(), ETags.of(s.getVersion()), Changes.SYSTEM,
                            (SpotCheck x, CurrentUser none) -> x.erasePhones());
                    erased += n;
                } catch (DomainException stale) {
                    // changed since read: the next run erases them
                }
            }
        }
        return erased;
    }
}
