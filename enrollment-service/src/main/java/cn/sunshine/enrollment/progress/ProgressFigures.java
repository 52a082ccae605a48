package cn.sunshine.enrollment.progress;

import cn.sunshine.enrollment.trainee.Enrollment;
import cn.sunshine.enrollment.trainee.EnrollmentStatus;
import cn.sunshine.platform.progress.Tallies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * enrollment-service's progress figures as tallies (docs/reports.md): a report over a province sums per-county,
 * per-day tallies instead of reading every enrollment. The rules are the figures' own (see ProgressController).
 */
@Configuration(proxyBeanMethods = false)
public class ProgressFigures {

    public static final String ENROLLED = "enrollment.enrolled";
    public static final String COMPLETED = "enrollment.completed";

    /** Enrollments made on a day that stand: not withdrawn, not rejected at the roster check. */
    @Bean
    Tallies.Figure<Enrollment> enrolledFigure() {
        return new Tallies.Figure<>(ENROLLED, Enrollment.class,
                e -> e.getEnrolled() == null ? null : new Tallies.Place(e.getDivisionCode(), Tallies.day(e.getEnrolled().at())),
                new Criteria().andOperator(Criteria.where("status").ne(EnrollmentStatus.WITHDRAWN),
                        Criteria.where("rosterCheck").ne(Enrollment.RosterCheck.REJECTED)), null);
    }

    /** Completions recorded on a day. */
    @Bean
    Tallies.Figure<Enrollment> completedFigure() {
        return new Tallies.Figure<>(COMPLETED, Enrollment.class,
                e -> e.getCompletion() == null ? null : new Tallies.Place(e.getDivisionCode(), Tallies.day(e.getCompletion().at())),
                Criteria.where("completion").ne(null), null);
    }
}
