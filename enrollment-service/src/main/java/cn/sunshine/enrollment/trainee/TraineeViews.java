package cn.sunshine.enrollment.trainee;

import cn.sunshine.enrollment.audit.PersonalDataAudit;
import cn.sunshine.enrollment.support.Access;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.web.PageResult;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * Trainees' records as the caller may see them (docs/personal-data.md): whole only for a county officer of the
 * trainee's county, and then audited ({@link PersonalDataAudit}) before the answer is given.
 */
@Service
public class TraineeViews {

    private final Enrollments enrollments;
    private final PersonalDataAudit audit;

    public TraineeViews(Enrollments enrollments, PersonalDataAudit audit) {
        this.enrollments = enrollments;
        this.audit = audit;
    }

    /** The record as the caller may see it, for the answer of {@code operation} ({@code enrollment.read}, …). */
    public EnrollmentDtos.EnrollmentView of(Enrollment e, String operation) {
        CurrentUser user = Jurisdiction.currentUser();
        if (Access.disclosure(user, e.getDivisionCode(), e.getBaseId()).whole()) {
            audit.record(user, operation, e.getDivisionCode(), e.getClassId(), List.of(e.getId()));
        }
        return EnrollmentDtos.EnrollmentView.of(e, user);
    }

    /** A trainee's record ({@code enrollment.read}). */
    public EnrollmentDtos.EnrollmentView get(String enrollmentId) {
        return of(enrollments.get(enrollmentId), "enrollment.read");
    }

    /** A page of a class's trainees ({@code enrollment.list}): those the caller sees whole are audited as one read. */
    public PageResult<EnrollmentDtos.EnrollmentView> listForClass(String classId, EnrollmentStatus status, Integer page,
                                                                  Integer size) {
        PageResult<Enrollment> found = enrollments.listForClass(classId, status, page, size);
        CurrentUser user = Jurisdiction.currentUser();
        List<String> whole = found.items().stream()
                .filter(e -> Access.disclosure(user, e.getDivisionCode(), e.getBaseId()).whole()).map(Enrollment::getId).toList();
        if (!whole.isEmpty()) {
            audit.record(user, "enrollment.list", found.items().get(0).getDivisionCode(), classId, whole);
        }
        return found.map(e -> EnrollmentDtos.EnrollmentView.of(e, user));
    }
}
