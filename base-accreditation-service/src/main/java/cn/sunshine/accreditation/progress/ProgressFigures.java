package cn.sunshine.accreditation.progress;

import cn.sunshine.platform.progress.ProgressPeriod;
import cn.sunshine.platform.progress.ProgressView;

import cn.sunshine.accreditation.agreement.Agreement;
import cn.sunshine.accreditation.agreement.AgreementVersion;
import cn.sunshine.accreditation.base.Base;
import cn.sunshine.accreditation.base.Term;
import cn.sunshine.accreditation.complaint.Complaint;
import cn.sunshine.accreditation.inspection.InspectionVisit;
import cn.sunshine.accreditation.quota.QuotaLedger;
import cn.sunshine.platform.time.ProgramCalendar;
import cn.sunshine.platform.identifiers.DivisionCode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * This service's part of a progress report (docs/reports.md): for a division and a period, the
 * quota it received, the placement rate its bases committed to, how many bases were accredited, and the
 * programme's supervision: complaints received and found substantiated, and inspection findings.
 */
@Service
public class ProgressFigures {

    private final MongoTemplate mongo;

    public ProgressFigures(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public ProgressView of(String division, LocalDate from, LocalDate to) {
        ProgressPeriod period = ProgressPeriod.check(division, from, to);
        DivisionCode code = period.division();
        Instant end = period.end();
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("quota", quota(code, from.getYear(), to.getYear()));
        Commitment commitment = commitment(code, from.getYear(), to.getYear(), end);
        figures.put("committedPlacementRateBp", commitment.rateBp());
        figures.put("agreementsInForce", (long) commitment.agreements());
        figures.put("agreedQuota", commitment.agreedQuota());
        figures.put("basesAccredited", basesAccredited(code, from, to));
        Oversight oversight = oversight(period);
        figures.put("complaintsReceived", oversight.complaintsReceived());
        figures.put("complaintsSubstantiated", oversight.complaintsSubstantiated());
        figures.put("inspectionFindings", oversight.inspectionFindings());
        return ProgressView.of(period, figures);
    }

    /**
     * What the division received for the years of the period: its own ledger's {@code received}
     * (the task its parent level holds it to, including what it has not yet passed on); a division
     * without a ledger of its own for a year (a city the province bypassed) counts the county
     * ledgers below it.
     */
    long quota(DivisionCode division, int fromYear, int toYear) {
        long total = 0;
        for (int year = fromYear; year <= toYear; year++) {
            Optional<QuotaLedger> own = Optional.ofNullable(mongo.findOne(Query.query(
                    Criteria.where("divisionCode").is(division.value()).and("year").is(year)), QuotaLedger.class));
            if (own.isPresent()) {
                total += own.get().getReceived();
            } else if (division.level() != DivisionCode.Level.COUNTY) {
                total += mongo.find(Query.query(Criteria.where("divisionCode").regex(prefix(division))
                                .and("year").is(year).and("level").is(DivisionCode.Level.COUNTY.name())), QuotaLedger.class)
                        .stream().mapToLong(QuotaLedger::getReceived).sum();
            }
        }
        return total;
    }

    /**
     * The agreements in force at the end of the period (for each, the latest version the base had
     * signed by then), and their committed placement rate weighted by each agreement's quota,
     * rounded half up to a basis point; no rate when no agreed quota is in force.
     */
    Commitment commitment(DivisionCode division, int fromYear, int toYear, Instant end) {
        List<Agreement> agreements = mongo.find(Query.query(Criteria.where("divisionCode").regex(prefix(division))
                .and("year").gte(fromYear).lte(toYear)), Agreement.class);
        long weighted = 0;
        long quota = 0;
        int inForce = 0;
        for (Agreement a : agreements) {
            Optional<AgreementVersion> version = a.getVersions().stream()
                    .filter(v -> v.baseSignature() != null && !v.baseSignature().at().isAfter(end))
                    .filter(v -> v.status() != AgreementVersion.Status.PROPOSED)
                    .max(Comparator.comparingInt(AgreementVersion::number));
            if (version.isEmpty()) {
                continue;
            }
            long q = version.get().majors().stream().mapToLong(AgreementVersion.AgreedMajor::quota).sum();
            inForce++;
            quota += q;
            weighted += q * version.get().committedPlacementRateBp();
        }
        Long rate = quota == 0 ? null : (2 * weighted + quota) / (2 * quota);
        return new Commitment(rate, inForce, quota);
    }

    /**
     * Bases of the division accredited on at least one day of the period: a term overlapping it,
     * and not revoked before it began (a base revoked within the period still counts: it was
     * accredited in part of it). The term decides, not when it was recorded: a base carried over
     * from paper records was accredited from its term's first day.
     */
    long basesAccredited(DivisionCode division, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(ProgramCalendar.ZONE).toInstant();
        return mongo.find(Query.query(Criteria.where("divisionCode").regex(prefix(division))), Base.class).stream()
                .filter(b -> b.getRevocation() == null || !b.getRevocation().at().isBefore(start))
                .filter(b -> b.getTerms().stream().anyMatch(t -> overlaps(t, from, to)))
                .count();
    }

    /**
     * The programme's supervision in the period (监督举报, 检查验收): complaints received in the division in the period
     * and how many of them were answered as substantiated (so far), and the findings of inspection visits made in the
     * period. Read through the complaints' and visits' division indexes, a division's few records each.
     */
    Oversight oversight(ProgressPeriod period) {
        String division = prefix(period.division());
        long received = 0;
        long substantiated = 0;
        Query complaints = Query.query(Criteria.where("divisionCode").regex(division)
                .and("receivedAt").gte(period.start()).lt(period.end()));
        // The whole answer, not answer.substantiated alone: an answer read with a field missing cannot be built.
        complaints.fields().include("answer");
        for (Complaint c : mongo.find(complaints, Complaint.class)) {
            received++;
            substantiated += c.getAnswer() != null && c.getAnswer().substantiated() ? 1 : 0;
        }
        Query visits = Query.query(Criteria.where("divisionCode").regex(division)
                .and("visitedOn").gte(period.from().toString()).lte(period.to().toString()));
        visits.fields().include("findings");
        long findings = mongo.find(visits, InspectionVisit.class).stream()
                .mapToLong(v -> v.getFindings() == null ? 0 : v.getFindings().size()).sum();
        return new Oversight(received, substantiated, findings);
    }

    record Oversight(long complaintsReceived, long complaintsSubstantiated, long inspectionFindings) {
    }

    private static boolean overlaps(Term t, LocalDate from, LocalDate to) {
        return !t.validFrom().isAfter(to) && !t.validUntil().isBefore(from);
    }

    private static String prefix(DivisionCode division) {
        return "^" + Pattern.quote(division.prefix());
    }

    record Commitment(Long rateBp, int agreements, long agreedQuota) {
    }
}
