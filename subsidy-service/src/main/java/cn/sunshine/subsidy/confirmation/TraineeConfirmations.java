package cn.sunshine.subsidy.confirmation;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The trainees' confirmations, kept from {@code enrollment.trainee.confirmed.v1} (each event applied once; a later
 * answer for the same enrollment changes nothing: the answers are final), and read beside a claim's lines: the
 * 核准 officer sees each line CONFIRMED, DENIED (with the statements denied) or UNCONFIRMED. Nothing here refuses
 * a claim: a flagged line is for the officer to weigh.
 */
@Service
public class TraineeConfirmations {

    private final MongoTemplate mongo;

    public TraineeConfirmations(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** One line's confirmation as the claim shows it. */
    public record LineConfirmation(String enrollmentId, String status, List<String> denied, String answeredAt) {

        public boolean flagged() {
            return !TraineeConfirmation.Status.CONFIRMED.name().equals(status);
        }
    }

    /** The confirmations of these enrollments, in their order; UNCONFIRMED where the trainee has not answered. */
    public List<LineConfirmation> of(List<String> enrollmentIds) {
        Map<String, TraineeConfirmation> kept = find(enrollmentIds);
        return enrollmentIds.stream().map(id -> {
            TraineeConfirmation c = kept.get(id);
            return c == null ? new LineConfirmation(id, TraineeConfirmation.Status.UNCONFIRMED.name(), List.of(), null)
                    : new LineConfirmation(id, c.getStatus().name(), c.getDenied(), c.getAnsweredAt().toString());
        }).toList();
    }

    private Map<String, TraineeConfirmation> find(Collection<String> enrollmentIds) {
        if (enrollmentIds.isEmpty()) {
            return Map.of();
        }
        return mongo.find(Query.query(Criteria.where("_id").in(enrollmentIds)), TraineeConfirmation.class).stream()
                .collect(Collectors.toMap(TraineeConfirmation::getId, Function.identity()));
    }
}
