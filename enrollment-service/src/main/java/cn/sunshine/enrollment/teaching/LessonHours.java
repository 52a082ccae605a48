package cn.sunshine.enrollment.teaching;

import cn.sunshine.enrollment.trainee.AttendedHours;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A trainee's hours from the lessons recorded: what completion and the ledger read ({@link AttendedHours.Source}). */
@Component
public class LessonHours implements AttendedHours.Source {

    private final MongoTemplate mongo;

    public LessonHours(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public AttendedHours of(String classId, String enrollmentId) {
        List<Lesson> lessons = mongo.find(Query.query(Criteria.where("classId").is(classId)
                .and("attendance.enrollmentId").is(enrollmentId)), Lesson.class);
        return tally(lessons).getOrDefault(enrollmentId, AttendedHours.NONE);
    }

    /** Every trainee's hours over these lessons. */
    static Map<String, AttendedHours> tally(List<Lesson> lessons) {
        Map<String, AttendedHours> out = new HashMap<>();
        for (Lesson l : lessons) {
            for (Lesson.Mark m : l.getAttendance()) {
                AttendedHours h = out.getOrDefault(m.enrollmentId(), AttendedHours.NONE);
                out.put(m.enrollmentId(), new AttendedHours(h.held() + l.getHours(),
                        h.attended() + (m.presence() == Lesson.Presence.PRESENT ? l.getHours() : 0)));
            }
        }
        return out;
    }

    @Override
    public Map<String, AttendedHours> ofClass(String classId) {
        return tally(mongo.find(Query.query(Criteria.where("classId").is(classId)), Lesson.class));
    }
}
