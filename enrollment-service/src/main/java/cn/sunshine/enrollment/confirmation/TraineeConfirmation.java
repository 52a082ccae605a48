package cn.sunshine.enrollment.confirmation;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.enrollment.ConfirmationRequested;
import cn.sunshine.platform.events.enrollment.TraineeConfirmed;
import cn.sunshine.platform.sms.OneTimeCodes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A trainee's confirmation of what the base claims of them (学员确认): that they attended, that they completed,
 * where they work, and that they received the subsidy or the refund of the fee paid (先收后补). One per enrollment
 * (id: the enrollment id). The county officer asks; the trainee answers on the public page with the one-time code
 * sent to their phone. States:
 *
 * <pre>
 * REQUESTED ──answers, all yes──▶ CONFIRMED
 *     │     └─answers, a no─────▶ DENIED
 *     └──too many wrong codes──▶ VOID ──asked again──▶ REQUESTED (a new code)
 * </pre>
 *
 * A code lives {@code codeTtl}; asked again before answering, the trainee gets a new code (the old one dies). The
 * answers are final: the same answers again answer the same, other answers are 409. The document keeps no phone:
 * only keyed hashes of the phone and of the ID number's last six characters, to find it by.
 */
@Document("trainee_confirmations")
public class TraineeConfirmation extends AggregateRoot {

    public enum Status { REQUESTED, CONFIRMED, DENIED, VOID }

    /** 享受补助 / 先收后补 refund received: YES, NO, or NOT_APPLICABLE (free training, nothing to receive). */
    public enum Subsidy { YES, NO, NOT_APPLICABLE }

    /** The statements a trainee may deny. */
    public enum Statement { ATTENDED, COMPLETED, SUBSIDY_RECEIVED }

    /** What the trainee answered, and when. {@code employer} is free text (optional). */
    public record Answers(boolean attended, boolean completed, String employer, Subsidy subsidyReceived,
                          Instant answeredAt) {

        List<Statement> denied() {
            List<Statement> denied = new ArrayList<>();
            if (!attended) {
                denied.add(Statement.ATTENDED);
            }
            if (!completed) {
                denied.add(Statement.COMPLETED);
            }
            if (subsidyReceived == Subsidy.NO) {
                denied.add(Statement.SUBSIDY_RECEIVED);
            }
            return denied;
        }

        boolean sameAs(Answers other) {
            return attended == other.attended && completed == other.completed
                    && subsidyReceived == other.subsidyReceived && Objects.equals(employer, other.employer);
        }
    }

    @Indexed
    private String classId;
    @Indexed
    private String baseId;
    private String baseName;
    private String majorName;
    private java.time.LocalDate plannedStart;
    private java.time.LocalDate plannedEnd;
    @Indexed
    private String divisionCode;
    private int year;
    private String trainingForm;
    private long feeFen;
    private long subsidyFen;
    /** The trainee's name as shown back to them: the surname, the rest masked. */
    private String maskedName;
    @Indexed
    private String phoneKey;
    @Indexed
    private String idTailKey;
    private Status status;
    private String codeHash;
    private Instant codeExpiresAt;
    private int attempts;
    private int codesSent;
    private Instant requestedAt;
    private String requestedBy;
    private Answers answers;

    protected TraineeConfirmation() {
    }

    /** The facts the trainee confirms, as the enrollment and its class hold them. */
    public record Facts(String enrollmentId, String classId, String baseId, String baseName, String majorName,
                        java.time.LocalDate plannedStart, java.time.LocalDate plannedEnd, String divisionCode, int year, String trainingForm, long feeFen, long subsidyFen,
                        String maskedName) {
    }

    /** The first request: a code is issued, {@code enrollment.confirmation.requested.v1} recorded. */
    static TraineeConfirmation request(Facts f, String phoneKey, String idTailKey, OneTimeCodes.Issued code,
                                       String by, Instant now) {
        TraineeConfirmation c = new TraineeConfirmation();
        c.id = f.enrollmentId();
        c.classId = f.classId();
        c.baseId = f.baseId();
        c.baseName = f.baseName();
        c.majorName = f.majorName();
        c.plannedStart = f.plannedStart();
        c.plannedEnd = f.plannedEnd();
        c.divisionCode = f.divisionCode();
        c.year = f.year();
        c.trainingForm = f.trainingForm();
        c.feeFen = f.feeFen();
        c.subsidyFen = f.subsidyFen();
        c.maskedName = f.maskedName();
        c.phoneKey = phoneKey;
        c.idTailKey = idTailKey;
        c.requestedAt = now;
        c.requestedBy = by;
        c.issue(code);
        c.recordEvent(EventTypes.CONFIRMATION_REQUESTED, new ConfirmationRequested(c.id, c.classId, c.baseId,
                c.divisionCode, c.year, now, by), c.divisionCode, now);
        return c;
    }

    /** Whether the trainee has answered (the answers are final). */
    public boolean answered() {
        return status == Status.CONFIRMED || status == Status.DENIED;
    }

    /** Asked again before answering: a new code (the old one dies, the wrong attempts start over). */
    void renew(OneTimeCodes.Issued code) {
        if (answered()) {
            throw DomainException.invalidTransition("confirmation", status, "asked again");
        }
        issue(code);
    }

    private void issue(OneTimeCodes.Issued code) {
        status = Status.REQUESTED;
        codeHash = code.hash();
        codeExpiresAt = code.expiresAt();
        attempts = 0;
        codesSent++;
    }

    /** Whether {@code code} is this confirmation's (alive or not). */
    boolean codeMatches(String code) {
        return OneTimeCodes.matches(id, code, codeHash);
    }

    /** A wrong code was tried while a code awaits: counted; at {@code maxAttempts} the confirmation is void. */
    void wrongCode(int maxAttempts) {
        if (status != Status.REQUESTED) {
            return;
        }
        attempts++;
        if (attempts >= maxAttempts) {
            status = Status.VOID;
        }
    }

    /** Whether the code would open it now: answered ones stay open to their code (to read the answers again). */
    void requireOpen(Instant now) {
        if (status == Status.VOID) {
            throw DomainException.rule("confirmation-code-void", "The code is no longer valid",
                    "the code was entered wrongly too many times; ask the county office for a new one")
                    .coded("enrollment.confirmation-code-void");
        }
        if (status == Status.REQUESTED && !OneTimeCodes.alive(codeExpiresAt, now)) {
            throw DomainException.rule("confirmation-code-expired", "The code has expired",
                    "the code expired at " + codeExpiresAt + "; ask the county office for a new one")
                    .coded("enrollment.confirmation-code-expired");
        }
    }

    /**
     * The trainee answers. The same answers again change nothing (false); other answers after the first are 409
     * {@code confirmation-already-answered}. Records {@code enrollment.trainee.confirmed.v1}.
     *
     * @return whether this changed the confirmation
     */
    boolean answer(boolean attended, boolean completed, String employer, Subsidy subsidyReceived, Instant now) {
        Answers given = new Answers(attended, completed, employer == null || employer.isBlank() ? null : employer.trim(),
                subsidyReceived, now);
        if (answered()) {
            if (answers.sameAs(given)) {
                return false;
            }
            throw DomainException.conflict("confirmation-already-answered", "Already answered",
                    "this confirmation was answered on " + answers.answeredAt() + "; answers are final — call the "
                            + "county office to correct them").coded("enrollment.confirmation-already-answered");
        }
        requireOpen(now);
        answers = given;
        List<Statement> denied = given.denied();
        status = denied.isEmpty() ? Status.CONFIRMED : Status.DENIED;
        recordEvent(EventTypes.TRAINEE_CONFIRMED, new TraineeConfirmed(id, classId, baseId, divisionCode, year,
                status.name(), attended, completed, subsidyReceived.name(), given.employer() != null,
                denied.stream().map(Enum::name).toList(), now), divisionCode, now);
        return true;
    }

    public String getClassId() {
        return classId;
    }

    public String getBaseId() {
        return baseId;
    }

    public String getBaseName() {
        return baseName;
    }

    public String getMajorName() {
        return majorName;
    }

    public java.time.LocalDate getPlannedStart() {
        return plannedStart;
    }

    public java.time.LocalDate getPlannedEnd() {
        return plannedEnd;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public int getYear() {
        return year;
    }

    public String getTrainingForm() {
        return trainingForm;
    }

    public long getFeeFen() {
        return feeFen;
    }

    public long getSubsidyFen() {
        return subsidyFen;
    }

    public String getMaskedName() {
        return maskedName;
    }

    public String getPhoneKey() {
        return phoneKey;
    }

    public String getIdTailKey() {
        return idTailKey;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getCodeExpiresAt() {
        return codeExpiresAt;
    }

    public int getAttempts() {
        return attempts;
    }

    public int getCodesSent() {
        return codesSent;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public Answers getAnswers() {
        return answers;
    }
}
