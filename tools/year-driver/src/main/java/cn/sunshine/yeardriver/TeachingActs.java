package cn.sunshine.yeardriver;

import java.util.ArrayList;
import java.util.List;

/**
 * Teaching records and double funding for a county (enrollment-service, issue 19): the base records each class's
 * lessons with their attendance (kept small: two lessons a class), and the county imports another programme's list
 * of people it funds for training, which names one trainee already enrolled for overlapping days (found after the
 * fact, in the report) and one for days after the class (no match).
 */
final class TeachingActs extends Acts {

    static final int LESSONS = 2;
    static final int LESSON_HOURS = 4;

    TeachingActs(County county) {
        super(county);
    }

    /** The base records the class's lessons: those sitting present, those who dropped out absent. */
    void lessons(County.Klass k) {
        String[] days = {county.cal.date(4, 16).toString(), county.cal.date(5, 20).toString()};
        String[] topics = {"安全操作规程与识图", "综合实操训练"};
        for (int i = 0; i < LESSONS; i++) {
            List<Mark> marks = new ArrayList<>();
            for (County.Trainee t : k.trainees) {
                if (t.standing()) {
                    marks.add(new Mark(t.enrollmentId, t.dropped ? "ABSENT" : "PRESENT"));
                }
            }
            gw.post("/api/enrollment/classes/" + k.id + "/lessons", k.base.staff,
                    new Lesson(days[i], "张老师", topics[i], i == 0 ? "THEORY" : "PRACTICE", LESSON_HOURS, marks),
                    key("lesson-" + k.id + "-" + i)).expect(201);
            k.lessonHours += LESSON_HOURS;
        }
    }

    /** The county imports 雨露计划's list: the first class's first sitting trainee is funded for overlapping days. */
    void importFundingList() {
        List<County.Trainee> sitting = county.classes().isEmpty() ? List.of()
                : EnrollmentActs.sitting(county.classes().get(0));
        if (sitting.size() < 2) {
            return;
        }
        County.Trainee overlapping = sitting.get(0);
        County.Trainee later = sitting.get(1);
        String csv = "项目名称,姓名,身份证号,培训开始,培训结束\n"
                + String.join(",", "雨露计划", overlapping.person.name(), overlapping.person.idNumber(),
                county.cal.date(4, 10).toString(), county.cal.date(5, 10).toString()) + "\n"
                + String.join(",", "再就业培训", later.person.name(), later.person.idNumber(),
                county.cal.date(8, 1).toString(), county.cal.date(8, 31).toString()) + "\n";
        gw.postRaw("/api/enrollment/funding-lists?year=" + county.year, officer(), csv, "text/csv; charset=utf-8",
                key("funding-list-" + code())).expect(201);
        county.doubleFundedEnrollmentId = overlapping.enrollmentId;
    }

    record Lesson(String date, String teacher, String topic, String kind, int hours, List<Mark> attendance) {
    }

    record Mark(String enrollmentId, String presence) {
    }
}
