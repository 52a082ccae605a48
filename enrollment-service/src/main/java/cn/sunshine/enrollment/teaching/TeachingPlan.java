package cn.sunshine.enrollment.teaching;

import cn.sunshine.enrollment.klass.TrainingClass;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A class's teaching plan (教学计划): its modules with their hours of theory or practice. One per class (its id is the
 * class's); the base's staff set it and may revise it while the class runs; each revision keeps who and when.
 */
@Document("teaching_plans")
public class TeachingPlan extends TeachingRecord {

    /** A module of the plan. */
    public record Module(String name, Lesson.Kind kind, int hours) {
    }

    private List<Module> modules;
    private Instant setAt;
    private String setBy;

    protected TeachingPlan() {
    }

    public static TeachingPlan of(TrainingClass c, List<Module> modules, String actor, Instant now) {
        TeachingPlan p = new TeachingPlan();
        p.id = c.getId();
        p.fileUnder(c);
        p.revise(modules, actor, now);
        return p;
    }

    public void revise(List<Module> modules, String actor, Instant now) {
        if (modules.stream().map(Module::name).distinct().count() != modules.size()) {
            throw DomainException.invalidField("modules", Phrase.coded("enrollment.module-twice",
                    "each module is named once"));
        }
        this.modules = List.copyOf(modules);
        this.setAt = now;
        this.setBy = actor;
    }

    public int hours(Lesson.Kind kind) {
        return modules.stream().filter(m -> m.kind() == kind).mapToInt(Module::hours).sum();
    }

    public List<Module> getModules() {
        return modules == null ? List.of() : modules;
    }

    public Instant getSetAt() {
        return setAt;
    }

    public String getSetBy() {
        return setBy;
    }
}
