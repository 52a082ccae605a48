package cn.sunshine.platform.test.app;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.usecase.Changes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The use-case kernel: load in scope, If-Match, a transition that records its events, one conditional write. */
@SunshineServiceTest
class ChangesTest {

    static final CurrentUser OFFICER = new CurrentUser("officer-wang", "王", Set.of(cn.sunshine.platform.security.Role.COUNTY_OFFICER),
            new cn.sunshine.platform.identifiers.DivisionCode("420981"), null);

    @Autowired
    Changes changes;
    @Autowired
    AggregateStore store;
    @Autowired
    MongoTemplate mongo;

    static Changes.Scope<Parcel> inCounty(String division) {
        return p -> {
            if (!p.getDivision().equals(division)) {
                throw DomainException.notFound("parcel " + p.getId());
            }
            return OFFICER;
        };
    }

    static int outbox(MongoTemplate mongo, String id) {
        org.bson.Document d = mongo.findById(id, org.bson.Document.class, "parcels");
        return d.getList(cn.sunshine.platform.outbox.Outbox.FIELD, org.bson.Document.class).size();
    }

    @Test
    void aChangeWritesTheStateWithItsEventsAtTheNextVersion() {
        Parcel p = store.insert(Parcel.register("420981", 5));
        Parcel flagged = changes.change(Parcel.class, p.getId(), "\"0\"", inCounty("420981"), (Parcel x, CurrentUser u) -> x.flag());
        assertThat(flagged.getVersion()).isEqualTo(1L);
        Parcel read = mongo.findById(p.getId(), Parcel.class);
        assertThat(read.isFlagged()).isTrue();
        assertThat(read.getVersion()).isEqualTo(1L);
    }

    @Test
    void whatIsMissingOrOutOfScopeIsNotFoundAndAStaleCopyIsRefusedWithNothingWritten() {
        assertThatThrownBy(() -> changes.change(Parcel.class, "no-such-parcel", null, inCounty("420981"),
                (Parcel x, CurrentUser u) -> x.flag()))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("parcel no-such-parcel");
                });
        Parcel p = store.insert(Parcel.register("420982", 5));
        assertThatThrownBy(() -> changes.change(Parcel.class, p.getId(), null, inCounty("420981"),
                (Parcel x, CurrentUser u) -> x.flag()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> changes.change(Parcel.class, p.getId(), "\"7\"", inCounty("420982"),
                (Parcel x, CurrentUser u) -> x.flag()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.status()).isEqualTo(412));
        assertThat(mongo.findById(p.getId(), Parcel.class).isFlagged()).isFalse();
        assertThat(outbox(mongo, p.getId())).as("only the registration waits").isLessThanOrEqualTo(1);
    }

    @Test
    void aChangeThatMeetsANewerVersionDecidesAgainOnItUnlessTheClientPinnedItsVersion() {
        Parcel p = store.insert(Parcel.register("420981", 5));
        AtomicInteger tries = new AtomicInteger();
        // someone else flags it between this change's read and its write: the change runs again, now refused
        assertThatThrownBy(() -> changes.change(Parcel.class, p.getId(), null, inCounty("420981"), (Parcel x, CurrentUser u) -> {
            if (tries.incrementAndGet() == 1) {
                Parcel other = mongo.findById(p.getId(), Parcel.class);
                other.flag();
                store.update(other);
            }
            x.flag();
        })).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(tries.get()).as("decided again on the newer state").isEqualTo(2);

        // with If-Match the client asked for the version it read: 412, not a silent retry
        Parcel q = store.insert(Parcel.register("420981", 5));
        AtomicInteger once = new AtomicInteger();
        assertThatThrownBy(() -> changes.change(Parcel.class, q.getId(), "\"0\"", inCounty("420981"), (Parcel x, CurrentUser u) -> {
            if (once.incrementAndGet() == 1) {
                Parcel other = mongo.findById(q.getId(), Parcel.class);
                other.flag();
                store.update(other);
            }
            x.flag();
        })).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.status()).isEqualTo(412));
        assertThat(once.get()).isEqualTo(1);
    }

    @Test
    void aTransitionsAnswerComesBackWithTheAggregate() {
        Parcel p = store.insert(Parcel.register("420981", 5));
        Changes.Changed<Parcel, String> changed = changes.changeWithResult(Parcel.class, p.getId(), null, inCounty("420981"),
                (Parcel x, CurrentUser u) -> {
                    x.flag();
                    return "flagged by " + u.subject();
                });
        assertThat(changed.result()).isEqualTo("flagged by officer-wang");
        assertThat(changed.aggregate().getVersion()).isEqualTo(1L);
    }
}
