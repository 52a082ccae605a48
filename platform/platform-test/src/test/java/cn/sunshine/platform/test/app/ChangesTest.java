package cn.sunshine.platform.test.app;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.usecase.Changes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;
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

    @Test
    void aCopyAlreadyReadIsChangedAsReadAndLoadedAgainWhenItsVersionMoved() {
        Parcel p = store.insert(Parcel.register("420981", 5));
        Parcel read = mongo.findById(p.getId(), Parcel.class);
        Parcel flagged = changes.change(read, "\"0\"", inCounty("420981"), (Parcel x, CurrentUser u) -> x.flag());
        assertThat(flagged).isSameAs(read);
        assertThat(mongo.findById(p.getId(), Parcel.class).getVersion()).isEqualTo(1L);

        // the copy's scope is checked as a loaded one's
        Parcel foreign = mongo.findById(store.insert(Parcel.register("420982", 5)).getId(), Parcel.class);
        assertThatThrownBy(() -> changes.change(foreign, null, inCounty("420981"), (Parcel x, CurrentUser u) -> x.flag()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.status()).isEqualTo(404));

        // someone else changed it after the copy was read: without If-Match it is loaded again and decided again
        Parcel q = store.insert(Parcel.register("420981", 5));
        Parcel old = mongo.findById(q.getId(), Parcel.class);
        store.update(mongo.findById(q.getId(), Parcel.class));
        AtomicInteger tries = new AtomicInteger();
        Parcel changed = changes.change(old, null, inCounty("420981"), (Parcel x, CurrentUser u) -> {
            tries.incrementAndGet();
            x.flag();
        });
        assertThat(tries.get()).isEqualTo(2);
        assertThat(changed).isNotSameAs(old);
        assertThat(changed.getVersion()).isEqualTo(2L);
        assertThat(mongo.findById(q.getId(), Parcel.class).isFlagged()).isTrue();

        // with If-Match pinned to the copy's version: 412, nothing written
        Parcel r = store.insert(Parcel.register("420981", 5));
        Parcel stale = mongo.findById(r.getId(), Parcel.class);
        store.update(mongo.findById(r.getId(), Parcel.class));
        assertThatThrownBy(() -> changes.change(stale, "\"0\"", inCounty("420981"), (Parcel x, CurrentUser u) -> x.flag()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.status()).isEqualTo(412));
        assertThat(mongo.findById(r.getId(), Parcel.class).isFlagged()).isFalse();
    }

    @Test
    void aRefNamesTheRecordAsTheServiceDoesInItsProblems() {
        assertThatThrownBy(() -> changes.change(Changes.Ref.of(Parcel.class, "p-1").named("lot p-1"), null,
                inCounty("420981"), (Parcel x, CurrentUser u) -> x.flag()))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).isEqualTo("lot p-1 was not found");
                });
        Parcel p = store.insert(Parcel.register("420981", 5));
        assertThatThrownBy(() -> changes.change(Changes.Ref.of(Parcel.class, p.getId()).named("lot " + p.getId()), "\"3\"",
                inCounty("420981"), (Parcel x, CurrentUser u) -> x.flag()))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.getMessage()).startsWith("lot " + p.getId());
                });
        Parcel flagged = changes.change(Changes.Ref.of(Parcel.class, p.getId()), null, inCounty("420981"),
                (Parcel x, CurrentUser u) -> x.flag());
        assertThat(flagged.isFlagged()).isTrue();
        assertThat(Changes.Ref.of(Parcel.class, "7").name()).isEqualTo("parcel 7");
    }

    @Autowired
    cn.sunshine.platform.web.IdempotentRequests idempotent;

    @Test
    void aChangeWhoseProcessDiedBeforeItsAnswerIsAnsweredAsMadeWhenItsRequestIsSentAgain() {
        Parcel p = store.insert(Parcel.register("420981", 5));
        java.util.function.Supplier<org.springframework.http.ResponseEntity<?>> flag = () -> org.springframework.http.ResponseEntity.ok(
                changes.change(Parcel.class, p.getId(), "\"0\"", inCounty("420981"), (Parcel x, CurrentUser u) -> x.flag())
                        .getVersion());
        // The first try writes the change, then its process dies before the answer is recorded (an Error here:
        // the key is freed, as a dead process's is once its lease runs out).
        assertThatThrownBy(() -> idempotent.run("parcels.flag:" + p.getId(), "flag-it", null, null, () -> {
            flag.get();
            throw new Error("killed after the write");
        })).isInstanceOf(Error.class);
        assertThat(mongo.findById(p.getId(), Parcel.class).isFlagged()).isTrue();

        org.springframework.http.ResponseEntity<?> again = idempotent.run("parcels.flag:" + p.getId(), "flag-it", null, null, flag);
        assertThat(again.getStatusCode().value()).as("its own change, not 'flagged again' nor a stale If-Match").isEqualTo(200);
        assertThat(again.getBody()).isEqualTo(1L);
        assertThat(mongo.findById(p.getId(), Parcel.class).getVersion()).as("nothing written twice").isEqualTo(1L);

        // Another request (another key, or none) flagging it again is refused as before.
        assertThatThrownBy(() -> idempotent.run("parcels.flag:" + p.getId(), "flag-it-again", null, null, flag))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.status()).isEqualTo(412));
        assertThatThrownBy(() -> changes.change(Parcel.class, p.getId(), null, inCounty("420981"), (Parcel x, CurrentUser u) -> x.flag()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void aRequestThatChangesOneRecordTwiceMakesBothAndItsRetryMakesOnlyTheOneNotMade() {
        Parcel p = store.insert(Parcel.register("420981", 5));
        java.util.function.Supplier<Parcel> flag = () -> changes.change(Parcel.class, p.getId(), null, inCounty("420981"),
                (Parcel x, CurrentUser u) -> x.flag());
        java.util.function.Supplier<Parcel> annotate = () -> changes.change(Parcel.class, p.getId(), null, inCounty("420981"),
                (Parcel x, CurrentUser u) -> x.annotate("checked at the depot"));
        // The first try flags it and dies before the note.
        assertThatThrownBy(() -> idempotent.run("parcels.check:" + p.getId(), "check-it", null, null, () -> {
            flag.get();
            throw new Error("killed between its two changes");
        })).isInstanceOf(Error.class);
        org.springframework.http.ResponseEntity<?> again = idempotent.run("parcels.check:" + p.getId(), "check-it", null, null, () -> {
            flag.get();
            return org.springframework.http.ResponseEntity.ok(annotate.get().getVersion());
        });
        assertThat(again.getBody()).as("the flag as made, the note made now").isEqualTo(2L);
        Parcel read = mongo.findById(p.getId(), Parcel.class);
        assertThat(read.isFlagged()).isTrue();
        assertThat(read.getNote()).isEqualTo("checked at the depot");
    }

    @Test
    void aBatchOfChangesIsWrittenTogetherAndOneChangedMeanwhileIsDecidedAgainOnItsOwn() {
        List<Parcel> copies = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Parcel p = store.insert(Parcel.register("420981", 10 + i));
            copies.add(mongo.findById(p.getId(), Parcel.class));
        }
        // Someone notes the second one after the batch read it.
        Parcel meanwhile = mongo.findById(copies.get(1).getId(), Parcel.class);
        meanwhile.annotate("weighed again");
        store.update(meanwhile);

        List<Parcel> changed = changes.changeAll(copies, inCounty("420981"), p -> (Parcel x, CurrentUser u) -> x.flag());
        assertThat(changed).extracting(Parcel::getId).containsExactly(copies.get(0).getId(), copies.get(1).getId(),
                copies.get(2).getId());
        assertThat(changed).extracting(Parcel::getVersion).containsExactly(1L, 2L, 1L);
        for (Parcel p : copies) {
            assertThat(mongo.findById(p.getId(), Parcel.class).isFlagged()).isTrue();
        }
        assertThat(mongo.findById(copies.get(1).getId(), Parcel.class).getNote()).as("decided again on what was there")
                .isNull(); // flag() clears the note: it ran on the noted parcel
    }
}
