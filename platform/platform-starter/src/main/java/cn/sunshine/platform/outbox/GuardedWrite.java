package cn.sunshine.platform.outbox;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;

import java.util.Objects;

/**
 * A transition that an aggregate decides as one conditional update of its own document: the
 * {@code guard} its invariant needs to still hold when the write lands (a balance that covers an
 * amount, an entry not yet made) and the {@code change} that moves it. The aggregate builds both;
 * {@link AggregateStore#apply} runs them, with the events the aggregate recorded, as a single
 * atomic write. Unlike {@link AggregateStore#update} the write is conditional on the state the
 * invariant reads, not on the version: concurrent transitions that all fit the invariant (two
 * deposits, commitments for two claims) all land; one that no longer fits changes nothing.
 *
 * <p>A guarded write is idempotent by construction when its guard excludes its own effect (an
 * entry keyed by the act, "not yet present"): repeating it matches nothing and changes nothing.
 *
 * @param guard  the conditions on the document besides its id (never null; {@code new Criteria()} for none)
 * @param change the update; the store adds the version increment and the outbox entries
 * @param act    what the write does, in words, for errors and logs (e.g. "commit claim 123")
 */
public record GuardedWrite(Criteria guard, Update change, String act) {

    public GuardedWrite {
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(act, "act");
    }
}
