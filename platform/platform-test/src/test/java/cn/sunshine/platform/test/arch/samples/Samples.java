package cn.sunshine.platform.test.arch.samples;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.outbox.AggregateStore;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

/** Classes that break each house rule on purpose (and some that keep them), for HouseRulesTest. */
public final class Samples {

    private Samples() {
    }

    /** Queries the database itself. */
    @RestController
    public static class QueryingController {
        private final MongoTemplate mongo;

        public QueryingController(MongoTemplate mongo) {
            this.mongo = mongo;
        }

        @GetMapping("/x")
        public long count() {
            return mongo.count(Query.query(Criteria.where("a").is(1)), "xs");
        }
    }

    /** Writes an aggregate itself. */
    @RestController
    public static class WritingController {
        private final AggregateStore store;

        public WritingController(AggregateStore store) {
            this.store = store;
        }

        @GetMapping("/y")
        public void write(AggregateRoot a) {
            store.update(a);
        }
    }

    /** Binds and answers; the use case does the rest. */
    @RestController
    public static class HttpOnlyController {
        private final CleanUseCase useCase;

        public HttpOnlyController(CleanUseCase useCase) {
            this.useCase = useCase;
        }

        @GetMapping("/z")
        public ResponseEntity<Long> get() {
            return ResponseEntity.ok(useCase.count());
        }
    }

    /** Queries with the injected clock: allowed outside controllers. */
    public static class CleanUseCase {
        private final MongoTemplate mongo;
        private final Clock clock;

        public CleanUseCase(MongoTemplate mongo, Clock clock) {
            this.mongo = mongo;
            this.clock = clock;
        }

        public long count() {
            return mongo.count(Query.query(Criteria.where("at").lt(clock.instant())), "xs");
        }
    }

    /** An aggregate that answers HTTP. */
    public static class WebAggregate extends AggregateRoot {
        public ResponseEntity<String> view() {
            return ResponseEntity.ok(getId());
        }
    }

    /** An aggregate that records its events and knows nothing of HTTP. */
    public static class CleanAggregate extends AggregateRoot {
        public void rename(Clock clock) {
            recordEvent(new cn.sunshine.platform.events.EventType<>("test.renamed.v1", String.class), "renamed", "420981",
                    clock.instant());
        }
    }

    /** Publishes past the outbox. */
    public static class DirectPublisher {
        private final RabbitTemplate rabbit;

        public DirectPublisher(RabbitTemplate rabbit) {
            this.rabbit = rabbit;
        }

        public void publish() {
            rabbit.convertAndSend("sunshine.events", "x.y.v1", "{}");
        }
    }

    /** Reads the machine's time. */
    public static class WallClockReader {
        public Instant when() {
            return Instant.now();
        }
    }

    /** Money in floating point. */
    public record FloatingMoney(String claimId, double amountFen) {
    }

    /** Money in fen. */
    public record IntegerMoney(String claimId, long amountFen, double placementRate) {
    }
}
