package cn.sunshine.subsidy.recovery;

import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.subsidy.claim.Claim;
import cn.sunshine.subsidy.claim.ClaimPart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which paid claim lines recovery orders have taken ({@link RecoveredLine}, insert-once per line). An order
 * takes its lines before it is written and frees them if its write fails; a line taken by an order that was
 * never written (the process stopped between the two writes) is taken over after {@link #ABANDONED_AFTER}.
 */
@Component
public class RecoveredLines extends UseCase {

    private static final Logger log = LoggerFactory.getLogger(RecoveredLines.class);

    /** A line taken this long ago by an order that does not exist was abandoned by a stopped process. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    /** What an order took, and what it could not take (another order holds it). */
    record Taken(List<RecoveryOrder.Item> taken, List<RecoveryOrder.Skipped> skipped) {
    }

    public RecoveredLines(Changes changes, Clock clock) {
        super(changes, clock);
    }

    /** Takes each item's line for the order, unless another order holds it. Items carry their part. */
    Taken take(String recoveryId, String baseId, List<RecoveryOrder.Item> items) {
        List<RecoveryOrder.Item> taken = new ArrayList<>();
        List<RecoveryOrder.Skipped> skipped = new ArrayList<>();
        for (RecoveryOrder.Item i : items) {
            String holder = takeOne(recoveryId, baseId, i);
            if (holder == null) {
                taken.add(i);
            } else {
                skipped.add(new RecoveryOrder.Skipped(i, holder));
            }
        }
        return new Taken(taken, skipped);
    }

    /** @return null when the order has the line now (taken, or held by it already), else the order holding it */
    private String takeOne(String recoveryId, String baseId, RecoveryOrder.Item i) {
        Instant now = clock.instant();
        RecoveredLine line = new RecoveredLine(recoveryId, i.claimId(), i.enrollmentId(), i.part(), i.amountFen(), baseId, now);
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                mongo.insert(line);
                return null;
            } catch (DuplicateKeyException e) {
                RecoveredLine holder = mongo.findById(line.getId(), RecoveredLine.class);
                if (holder == null) {
                    continue; // freed meanwhile: try again
                }
                if (holder.getRecoveryId().equals(recoveryId)) {
                    return null;
                }
                if (holder.getTakenAt().isAfter(now.minus(ABANDONED_AFTER))
                        || mongo.exists(Query.query(Criteria.where("_id").is(holder.getRecoveryId())), RecoveryOrder.class)) {
                    return holder.getRecoveryId();
                }
                // Taken by an order that was never written, long ago: take it over, if nobody else did meanwhile.
                boolean over = mongo.updateFirst(Query.query(Criteria.where("_id").is(line.getId())
                                .and("recoveryId").is(holder.getRecoveryId()).and("takenAt").is(holder.getTakenAt())),
                        new Update().set("recoveryId", recoveryId).set("takenAt", now).set("amountFen", i.amountFen())
                                .set("baseId", baseId), RecoveredLine.class).getModifiedCount() == 1;
                if (over) {
                    log.warn("line {} was taken by recovery {} that was never written; recovery {} takes it",
                            line.getId(), holder.getRecoveryId(), recoveryId);
                    return null;
                }
            }
        }
        RecoveredLine holder = mongo.findById(line.getId(), RecoveredLine.class);
        return holder == null ? "(contended)" : holder.getRecoveryId();
    }

    /** Frees the lines the order took (its write failed: it never existed). */
    void free(String recoveryId, Collection<RecoveryOrder.Item> items) {
        if (items.isEmpty()) {
            return;
        }
        mongo.remove(Query.query(Criteria.where("_id").in(items.stream()
                .map(i -> RecoveredLine.key(i.claimId(), i.enrollmentId(), i.part())).toList())
                .and("recoveryId").is(recoveryId)), RecoveredLine.class);
    }

    /** The taken lines among these keys, by key. */
    public Map<String, RecoveredLine> byKeys(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return mongo.find(Query.query(Criteria.where("_id").in(keys)), RecoveredLine.class).stream()
                .collect(Collectors.toMap(RecoveredLine::getId, Function.identity()));
    }

    /**
     * Orders written before lines were taken: their lines are taken for them at start-up (insert-once, so running
     * this again changes nothing). Where two such orders name one line, the earlier keeps it; the later is logged.
     */
    @EventListener(ApplicationReadyEvent.class)
    void takeLinesOfEarlierOrders() {
        try {
            for (RecoveryOrder r : mongo.find(Query.query(Criteria.where("items").exists(true))
                    .with(org.springframework.data.domain.Sort.by("orderedAt", "_id")), RecoveryOrder.class)) {
                for (RecoveryOrder.Item i : r.getItems()) {
                    ClaimPart part = i.part();
                    if (part == null) {
                        Claim c = mongo.findById(i.claimId(), Claim.class);
                        part = c == null ? ClaimPart.COMPLETION : c.getPart();
                    }
                    if (mongo.exists(Query.query(Criteria.where("_id").is(RecoveredLine.key(i.claimId(), i.enrollmentId(), part))),
                            RecoveredLine.class)) {
                        continue;
                    }
                    try {
                        mongo.insert(new RecoveredLine(r.getId(), i.claimId(), i.enrollmentId(), part, i.amountFen(),
                                r.getBaseId(), r.getOrderedAt()));
                    } catch (DuplicateKeyException e) {
                        log.warn("recovery {} names line {}/{} that another order recovers", r.getId(), i.claimId(),
                                i.enrollmentId());
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("lines of earlier recovery orders not taken: {}", e.toString());
        }
    }
}
