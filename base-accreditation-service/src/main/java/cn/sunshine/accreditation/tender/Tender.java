package cn.sunshine.accreditation.tender;

import cn.sunshine.accreditation.base.Decision;
import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.accreditation.SoughtMajor;
import cn.sunshine.platform.events.accreditation.TenderPublished;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A tender notice (招标公告) for training bases: window, conditions, procedure, required materials,
 * majors sought, and the weighted criteria its applications are scored on.
 */
@Document("tenders")
public class Tender extends AggregateRoot {

    public static final int TOTAL_WEIGHT_BP = 10_000;

    @Indexed
    private String divisionCode;
    private int year;
    private String title;
    private List<String> conditions;
    private String procedure;
    private String whereToApply;
    private List<String> requiredMaterials;
    private List<TenderMajor> majors;
    private List<Criterion> criteria;
    private int scale;
    private int passingScore;
    private Instant applicationOpensAt;
    private Instant applicationClosesAt;
    private TenderStatus status;
    private Decision drafting;
    private Decision publication;

    protected Tender() {
    }

    /** Drafts a tender; the request's form is validated, this checks the rules that tie its fields together. */
    public static Tender draft(String divisionCode, int year, String title, List<String> conditions, String procedure,
                               String whereToApply, List<String> requiredMaterials, List<TenderMajor> majors,
                               List<Criterion> criteria, int scale, int passingScore, Instant opensAt, Instant closesAt,
                               String actor, Clock clock) {
        requireUnique("majors", majors.stream().map(TenderMajor::majorCode).toList(), "tender.major-twice",
                "each major appears once");
        requireUnique("criteria", criteria.stream().map(Criterion::code).toList(), "tender.criterion-twice",
                "each criterion appears once");
        requireUnique("requiredMaterials", requiredMaterials, "tender.material-twice", "each material type appears once");
        int weights = criteria.stream().mapToInt(Criterion::weightBp).sum();
        if (weights != TOTAL_WEIGHT_BP) {
            throw DomainException.invalidField("criteria",
                    Phrase.coded("tender.weights-sum",
                    "the weights must add up to 10000 basis points (100 %), they add up to " + weights, weights));
        }
        if (passingScore > scale) {
            throw DomainException.invalidField("passingScore", Phrase.coded("tender.passing-score",
                    "must not exceed the scale (" + scale + ")",
                    scale));
        }
        if (!closesAt.isAfter(opensAt)) {
            throw DomainException.invalidField("applicationClosesAt", Phrase.coded("tender.closes-after-opens",
                    "must be after applicationOpensAt"));
        }
        Tender t = new Tender();
        t.id = Ids.newId();
        t.divisionCode = divisionCode;
        t.year = year;
        t.title = title;
        t.conditions = List.copyOf(conditions);
        t.procedure = procedure;
        t.whereToApply = whereToApply;
        t.requiredMaterials = List.copyOf(requiredMaterials);
        t.majors = List.copyOf(majors);
        t.criteria = List.copyOf(criteria);
        t.scale = scale;
        t.passingScore = passingScore;
        t.applicationOpensAt = opensAt;
        t.applicationClosesAt = closesAt;
        t.status = TenderStatus.DRAFT;
        t.drafting = new Decision(actor, clock.instant(), null);
        return t;
    }

    private static void requireUnique(String field, List<String> codes, String code, String message) {
        Set<String> seen = new HashSet<>();
        for (String c : codes) {
            if (!seen.add(c)) {
                throw DomainException.invalidField(field, Phrase.coded(code, message + " (" + c + " is repeated)", c));
            }
        }
    }

    /** Publishes the notice; from now on it is public and its window runs. */
    public void publish(String actor, Clock clock) {
        if (status != TenderStatus.DRAFT) {
            throw DomainException.invalidTransition("tender", status, "published");
        }
        Instant now = clock.instant();
        if (!applicationClosesAt.isAfter(now)) {
            throw DomainException.rule("window-in-the-past", "The application window is over",
                    "the window closes at " + applicationClosesAt + ", which has passed: correct the draft's window");
        }
        status = TenderStatus.PUBLISHED;
        publication = new Decision(actor, now, null);
        recordEvent(EventTypes.TENDER_PUBLISHED, new TenderPublished(id, divisionCode, year, title, applicationOpensAt,
                applicationClosesAt, majors.stream().map(m -> new SoughtMajor(m.majorCode(), m.majorName(),
                m.capacitySought())).toList(), now, actor), divisionCode, now);
    }

    /** Passes when an application may be submitted at {@code now}. */
    public void requireOpenForApplications(Instant now) {
        if (status != TenderStatus.PUBLISHED) {
            throw DomainException.rule("tender-not-open", "The tender is not published",
                    "applications are accepted only for a published tender");
        }
        if (now.isBefore(applicationOpensAt) || !now.isBefore(applicationClosesAt)) {
            throw new DomainException(422, "application-window-closed", "Outside the application window",
                    "applications are accepted from " + applicationOpensAt + " until " + applicationClosesAt,
                    List.of(DomainException.FieldError.coded("applicationWindow", "tender.window",
                            "open from " + applicationOpensAt + " until " + applicationClosesAt, applicationOpensAt, applicationClosesAt)));
        }
    }

    /** Passes when the window has closed, so that the applications can be reviewed. */
    public void requireClosed(Instant now, String act) {
        if (status != TenderStatus.PUBLISHED || now.isBefore(applicationClosesAt)) {
            throw DomainException.rule("tender-still-open", "The application window has not closed",
                    "you can " + act + " once the window has closed at " + applicationClosesAt);
        }
    }

    public TenderStage stage(Instant now, boolean noticed, boolean concluded) {
        if (status == TenderStatus.DRAFT) {
            return TenderStage.DRAFT;
        }
        if (concluded) {
            return TenderStage.CONCLUDED;
        }
        if (noticed) {
            return TenderStage.NOTICED;
        }
        if (now.isBefore(applicationOpensAt)) {
            return TenderStage.ANNOUNCED;
        }
        return now.isBefore(applicationClosesAt) ? TenderStage.OPEN : TenderStage.CLOSED;
    }

    public Optional<TenderMajor> major(String code) {
        return majors.stream().filter(m -> m.majorCode().equals(code)).findFirst();
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public int getYear() {
        return year;
    }

    public String getTitle() {
        return title;
    }

    public List<String> getConditions() {
        return conditions;
    }

    public String getProcedure() {
        return procedure;
    }

    public String getWhereToApply() {
        return whereToApply;
    }

    public List<String> getRequiredMaterials() {
        return requiredMaterials;
    }

    public List<TenderMajor> getMajors() {
        return majors;
    }

    public List<Criterion> getCriteria() {
        return criteria;
    }

    public int getScale() {
        return scale;
    }

    public int getPassingScore() {
        return passingScore;
    }

    public Instant getApplicationOpensAt() {
        return applicationOpensAt;
    }

    public Instant getApplicationClosesAt() {
        return applicationClosesAt;
    }

    public TenderStatus getStatus() {
        return status;
    }

    public Decision getDrafting() {
        return drafting;
    }

    public Decision getPublication() {
        return publication;
    }
}
