package cn.sunshine.placement.escalation;

import cn.sunshine.placement.placement.Contact;
import cn.sunshine.placement.placement.FollowUp;
import cn.sunshine.placement.placement.Placement;
import cn.sunshine.placement.support.Access;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.platform.web.PageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;

/**
 * Opens the escalation cases that follow-ups recorded. The follow-up, its event and the case id
 * in {@code casesToOpen} are one write on the placement; the case is inserted after it (its id is
 * deterministic, so a second insert is a no-op) and the id is then pulled. Should the process stop
 * in between, the sweep opens what is left.
 */
@Service
public class Escalations extends UseCase {

    private static final Logger log = LoggerFactory.getLogger(Escalations.class);
    private static final int SWEEP_BATCH = 100;

    public Escalations(Changes changes, Clock clock) {
        super(changes, clock);
    }

    /** Opens the case a follow-up of the placement recorded (idempotent) and marks it opened. */
    public void open(Placement p, String caseId) {
        FollowUp f = p.followUpOfCase(caseId).orElseThrow(() ->
                new IllegalStateException("placement " + p.getId() + " has no follow-up for case " + caseId));
        Contact c = f.contact();
        try {
            store.insert(EscalationCase.open(caseId, p.getId(), p.getEnrollmentId(), p.getBaseId(), p.getDivisionCode(),
                    p.getTraineeName(), p.getEmployer().name(), c.problems().stream().map(Enum::name).toList(),
                    c.unpaidWagesFen(), c.note(), c.recordedAt() == null ? clock.instant() : c.recordedAt()));
        } catch (DuplicateKeyException alreadyOpen) {
            // opened before: nothing to do
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(p.getId())), new Update().pull("casesToOpen", caseId),
                Placement.class);
    }

    /** Opens the cases left unopened (the process stopped between the follow-up and the case). */
    @Scheduled(fixedDelayString = "${sunshine.placement.escalation.sweep-interval:PT1M}",
            initialDelayString = "${sunshine.placement.escalation.sweep-interval:PT1M}")
    public int sweep() {
        List<Placement> left = mongo.find(Query.query(Criteria.where("casesToOpen.0").exists(true)).limit(SWEEP_BATCH),
                Placement.class);
        int opened = 0;
        for (Placement p : left) {
            for (String caseId : p.getCasesToOpen()) {
                open(p, caseId);
                opened++;
            }
        }
        if (opened > 0) {
            log.info("escalation sweep opened {} case(s) left unopened", opened);
        }
        return opened;
    }

    /** Cases in the caller's jurisdiction (or of their base's trainees), oldest first. */
    public PageResult<EscalationCase> list(EscalationCase.Status status, Integer page, Integer size) {
        Criteria c = Access.listScope("baseId", "divisionCode");
        if (status != null) {
            c = new Criteria().andOperator(c, Criteria.where("status").is(status));
        }
        return PageResult.find(mongo, Query.query(c), EscalationCase.class, page, size, Sort.by("openedAt"));
    }

    public EscalationCase get(String id) {
        return changes.load(EscalationCase.class, id,
                c -> Jurisdiction.requireOfficerOrOwnBase(c.getDivisionCode(), c.getBaseId(), "escalation case " + id));
    }

    /** The county officer records how the case was resolved. */
    public EscalationCase resolve(String id, String ifMatch, EscalationDtos.ResolveRequest r) {
        return changes.change(EscalationCase.class, id, ifMatch,
                c -> Jurisdiction.roleOver(c.getDivisionCode(), "escalation case " + id, Role.COUNTY_OFFICER),
                (EscalationCase c, CurrentUser officer) -> c.resolve(r.resolution().trim(), r.recoveredWagesFen(),
                        clock.instant(), officer.subject()));
    }
}
