package cn.sunshine.enrollment.confirmation;

import cn.sunshine.enrollment.klass.Classes;
import cn.sunshine.enrollment.klass.TrainingClass;
import cn.sunshine.enrollment.support.PersonKey;
import cn.sunshine.enrollment.trainee.Enrollment;
import cn.sunshine.enrollment.trainee.EnrollmentStatus;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.sms.OneTimeCodes;
import cn.sunshine.platform.sms.SmsSender;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Trainees confirm what the base claims of them (学员确认). The county officer asks for a class: every trainee who
 * completed and has not answered gets a one-time code by SMS (the platform's {@link SmsSender}; the phone is read
 * from the sealed enrollment and never leaves this service). On the public page the trainee gives their phone or
 * the last six characters of their ID number with the code, sees the class, base and statements, and answers each.
 * A wrong code counts against every confirmation awaiting a code for that phone or ID tail; at
 * {@code maxAttempts} it is void (asked again: a new code).
 */
@Service
@EnableConfigurationProperties(ConfirmationProperties.class)
public class Confirmations extends UseCase {

    private static final int MAX_CANDIDATES = 20;

    private final Classes classes;
    private final PersonKey keys;
    private final SmsSender sms;
    private final ConfirmationProperties properties;

    public Confirmations(Changes changes, Classes classes, PersonKey keys, SmsSender sms,
                         ConfirmationProperties properties, Clock clock) {
        super(changes, clock);
        this.classes = classes;
        this.keys = keys;
        this.sms = sms;
        this.properties = properties;
    }

    /**
     * The county officer asks the class's trainees who completed to confirm: a code to each who has not answered
     * (a new one to those asked before). Those who answered are counted, not asked again.
     */
    public ConfirmationDtos.ConfirmationRequestView request(String classId) {
        TrainingClass klass = classes.find(classId);
        CurrentUser officer = Jurisdiction.officerOver(klass.getDivisionCode(), "class " + classId);
        List<Enrollment> completed = mongo.find(Query.query(Criteria.where("classId").is(classId)
                .and("status").is(EnrollmentStatus.COMPLETED)).with(Sort.by("_id")), Enrollment.class);
        Map<String, TraineeConfirmation> kept = byId(completed.stream().map(Enrollment::getId).toList());
        Instant now = clock.instant();
        int sent = 0;
        int answered = 0;
        List<ConfirmationDtos.SimulatedCode> codes = new ArrayList<>();
        for (Enrollment e : completed) {
            TraineeConfirmation c = kept.get(e.getId());
            if (c != null && c.answered()) {
                answered++;
                continue;
            }
            OneTimeCodes.Issued code = OneTimeCodes.issue(e.getId(), now, properties.codeTtl());
            if (!ask(klass, e, c, code, officer.subject(), now)) {
                answered++;
                continue;
            }
            sms.send(e.getTrainee().phone(), message(e, code));
            sent++;
            if (properties.echoCode()) {
                codes.add(new ConfirmationDtos.SimulatedCode(e.getId(), e.getTrainee().maskedPhone(), code.code()));
            }
        }
        return new ConfirmationDtos.ConfirmationRequestView(classId, completed.size(), sent, answered,
                properties.echoCode() ? codes : null);
    }

    /** Asks once (a new confirmation) or again (a new code); false when the trainee answered meanwhile. */
    private boolean ask(TrainingClass klass, Enrollment e, TraineeConfirmation kept, OneTimeCodes.Issued code,
                        String by, Instant now) {
        if (kept == null) {
            try {
                store.insert(TraineeConfirmation.request(facts(klass, e), keys.of("phone", e.getTrainee().phone()),
                        keys.of("id-tail", idTail(e.getTrainee().idNumber())), code, by, now));
                return true;
            } catch (DuplicateKeyException concurrent) {
                kept = mongo.findById(e.getId(), TraineeConfirmation.class);
                if (kept == null) {
                    throw concurrent;
                }
            }
        }
        if (kept.answered()) {
            return false;
        }
        try {
            changes.change(kept, null, Changes.SYSTEM, (c, user) -> c.renew(code));
            return true;
        } catch (DomainException answeredMeanwhile) {
            if (answeredMeanwhile.status() == 409) {
                return false;
            }
            throw answeredMeanwhile;
        }
    }

    /** The officer's view of the class's confirmations. */
    public ConfirmationDtos.ClassConfirmations ofClass(String classId) {
        TrainingClass klass = classes.find(classId);
        Jurisdiction.roleOver(klass.getDivisionCode(), "class " + classId, Jurisdiction.OFFICIALS);
        List<TraineeConfirmation> all = mongo.find(Query.query(Criteria.where("classId").is(classId))
                .with(Sort.by("requestedAt", "_id")), TraineeConfirmation.class);
        int confirmed = (int) all.stream().filter(c -> c.getStatus() == TraineeConfirmation.Status.CONFIRMED).count();
        int denied = (int) all.stream().filter(c -> c.getStatus() == TraineeConfirmation.Status.DENIED).count();
        return new ConfirmationDtos.ClassConfirmations(classId, all.size(), confirmed, denied,
                all.size() - confirmed - denied, all.stream().map(c -> new ConfirmationDtos.ConfirmationLine(c.getId(),
                        c.getMaskedName(), c.getStatus().name(),
                        c.getAnswers() == null ? List.of() : c.getAnswers().denied().stream().map(Enum::name).toList(),
                        c.getAnswers() == null ? null : c.getAnswers().answeredAt().toString(), c.getCodesSent()))
                        .toList());
    }

    /** The trainee opens their confirmation with the code (public). */
    public ConfirmationDtos.ConfirmationView lookup(ConfirmationDtos.ConfirmationLookupRequest r) {
        return ConfirmationDtos.ConfirmationView.of(open(r.phone(), r.idNumberTail(), r.code()));
    }

    /** The trainee answers (public): the same answers again answer the same. */
    public ConfirmationDtos.ConfirmationView answer(ConfirmationDtos.ConfirmationAnswerRequest r) {
        TraineeConfirmation c = open(r.phone(), r.idNumberTail(), r.code());
        Instant now = clock.instant();
        TraineeConfirmation.Subsidy subsidy = TraineeConfirmation.Subsidy.valueOf(r.subsidyReceived());
        TraineeConfirmation after = changes.change(c, null, Changes.SYSTEM,
                (t, user) -> t.answer(r.attended(), r.completed(), r.employer(), subsidy, now));
        return ConfirmationDtos.ConfirmationView.of(after);
    }

    private TraineeConfirmation open(String phone, String idNumberTail, String code) {
        boolean byPhone = phone != null && !phone.isBlank();
        boolean byTail = idNumberTail != null && !idNumberTail.isBlank();
        if (byPhone == byTail) {
            throw DomainException.invalidField(byPhone ? "idNumberTail" : "phone",
                    cn.sunshine.platform.domain.Phrase.coded("enrollment.confirmation-who",
                            "give either your phone or the last 6 characters of your ID number"));
        }
        Criteria who = byPhone ? Criteria.where("phoneKey").is(keys.of("phone", phone.trim()))
                : Criteria.where("idTailKey").is(keys.of("id-tail", idNumberTail.trim().toUpperCase(Locale.ROOT)));
        List<TraineeConfirmation> candidates = mongo.find(Query.query(who).with(Sort.by(Sort.Direction.DESC,
                "requestedAt")).limit(MAX_CANDIDATES), TraineeConfirmation.class);
        Instant now = clock.instant();
        for (TraineeConfirmation c : candidates) {
            if (c.codeMatches(code)) {
                c.requireOpen(now);
                return c;
            }
        }
        int left = 0;
        for (TraineeConfirmation c : candidates) {
            if (c.getStatus() == TraineeConfirmation.Status.REQUESTED && OneTimeCodes.alive(c.getCodeExpiresAt(), now)) {
                TraineeConfirmation after = changes.change(c, null, Changes.SYSTEM,
                        (t, user) -> t.wrongCode(properties.maxAttempts()));
                left = Math.max(left, after.getStatus() == TraineeConfirmation.Status.REQUESTED
                        ? OneTimeCodes.attemptsLeft(after.getAttempts(), properties.maxAttempts()) : 0);
            }
        }
        throw new DomainException(422, "confirmation-code-wrong", "Wrong confirmation code",
                "no confirmation awaits this " + (byPhone ? "phone" : "ID number") + " with this code; "
                        + left + " attempt(s) left",
                List.of(DomainException.FieldError.coded("code", "enrollment.confirmation-code-wrong",
                        "does not match the code sent")))
                .coded("enrollment.confirmation-code-wrong-detail", left);
    }

    private Map<String, TraineeConfirmation> byId(List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), TraineeConfirmation.class).stream()
                .collect(Collectors.toMap(TraineeConfirmation::getId, Function.identity()));
    }

    private static TraineeConfirmation.Facts facts(TrainingClass klass, Enrollment e) {
        return new TraineeConfirmation.Facts(e.getId(), e.getClassId(), e.getBaseId(), e.getBaseName(),
                e.getMajorName(), klass.getPlannedStart(), klass.getPlannedEnd(), e.getDivisionCode(), e.getYear(),
                e.getTrainingForm(), e.getFeeFen(), e.getSubsidyFen(), maskName(e.getTrainee().name()));
    }

    private String message(Enrollment e, OneTimeCodes.Issued code) {
        return "【阳光工程】" + maskName(e.getTrainee().name()) + "您好：县阳光工程办请您确认在" + e.getBaseName() + "参加"
                + e.getMajorName() + "培训的情况。请打开阳光工程网站“学员确认”页，输入本手机号和确认码 " + code.code()
                + "，" + properties.codeTtl().toDays() + " 天内有效。如有疑问请致电县阳光工程办。";
    }

    /** The surname, the rest masked: 张伟 → 张*. */
    static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        String n = name.trim();
        int first = n.offsetByCodePoints(0, 1);
        return n.substring(0, first) + "*".repeat(Math.max(1, n.codePointCount(first, n.length())));
    }

    private static String idTail(String idNumber) {
        return idNumber.substring(idNumber.length() - 6).toUpperCase(Locale.ROOT);
    }
}
