package cn.sunshine.placement.monitoring;

import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A monitoring point's training-needs survey (培训需求调查) of one year: the majors the village's labourers want
 * to be trained in, with head counts. One per point and year (id {@code <pointId>:<year>}); a correction is a new
 * revision, every one kept.
 */
@Document("placement_needs_surveys")
public class NeedsSurvey extends VillageRecord {

    private LocalDate surveyedOn;
    private List<Need> needs = new ArrayList<>();
    private List<SurveyRevision> revisions = new ArrayList<>();

    /** A major wanted and how many want it (a major code of the programme's, e.g. {@code WELDING}, and its name). */
    public record Need(String majorCode, String majorName, int headCount) {
    }

    public record SurveyRevision(int number, LocalDate surveyedOn, List<Need> needs, String by, Instant at, String reason) {
    }

    protected NeedsSurvey() {
    }

    static String idOf(String pointId, int year) {
        return pointId + ":" + year;
    }

    static NeedsSurvey record(MonitoringPoint point, int year, LocalDate surveyedOn, List<Need> needs, String by,
                              Instant at) {
        point.requireActive("surveyed");
        NeedsSurvey s = new NeedsSurvey();
        s.of(idOf(point.getId(), year), point, year);
        s.revise(surveyedOn, needs, by, at, "recorded");
        return s;
    }

    void correct(MonitoringPoint point, LocalDate on, List<Need> corrected, String by, Instant at, String reason) {
        point.requireActive("corrected");
        revise(on, corrected, by, at, reason);
    }

    private void revise(LocalDate on, List<Need> n, String by, Instant at, String reason) {
        List<SurveyRevision> history = new ArrayList<>(revisions == null ? List.of() : revisions);
        history.add(new SurveyRevision(history.size() + 1, on, List.copyOf(n), by, at, reason));
        revisions = history;
        surveyedOn = on;
        needs = List.copyOf(n);
    }






    public LocalDate getSurveyedOn() {
        return surveyedOn;
    }

    public List<Need> getNeeds() {
        return List.copyOf(needs);
    }

    public List<SurveyRevision> getRevisions() {
        return List.copyOf(revisions);
    }
}
