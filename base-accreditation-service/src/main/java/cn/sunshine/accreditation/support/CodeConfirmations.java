package cn.sunshine.accreditation.support;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.identifiers.PersonalData;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.function.Function;

/**
 * Requests held in their own collection until the filer confirms them with the one-time code sent to their phone
 * (a web complaint, an objection to a public notice): a wrong code counts an attempt and voids the request at the
 * last one; the right one fixes, once, the id of the record the request becomes, so that a confirmation sent again
 * or at the same time makes the same record.
 *
 * @param mongo   the database the requests are held in
 * @param type    the held request's document
 * @param pending the status of a request awaiting its code
 * @param voided  a new update that voids a request (its status, and what of the filer it forgets): an Update is
 *                mutable, so each write gets its own
 * @param what    what a request is called in problems ("complaint")
 * @param again   what the filer is told to do after a void one ("send it again")
 * @param <P>     the held request's document
 */
public record CodeConfirmations<P extends CodeConfirmations.Held>(MongoTemplate mongo, Class<P> type, Enum<?> pending,
                                                                  java.util.function.Supplier<Update> voided, String what,
                                                                  String again) {

    /** What a held request's document has: its id and the wrong codes counted (beside {@code status}). */
    public interface Held {

        String id();

        int attempts();
    }

    /** 404 for a request that expired, was void or never existed. */
    public DomainException notFound(String confirmationId) {
        return new DomainException(404, "not-found", "Not found", what + " " + confirmationId
                + " awaiting confirmation was not found: it expired, was void or never existed; " + again);
    }

    /** 422 for a wrong code sent to {@code phone}: the attempt is counted; at {@code maxAttempts} the request is void. */
    public DomainException wrongCode(P held, int maxAttempts, String phone, String problemCode) {
        P after = mongo.findAndModify(Query.query(Criteria.where("_id").is(held.id()).and("status").is(pending)),
                new Update().inc("attempts", 1), FindAndModifyOptions.options().returnNew(true), type);
        if (after != null && after.attempts() >= maxAttempts) {
            voidRequest(held);
            return new DomainException(422, "confirmation-code-wrong", "Wrong confirmation code",
                    "the code was wrong " + after.attempts() + " times; the " + what + " is void; " + again);
        }
        int left = after == null ? 0 : maxAttempts - after.attempts();
        return new DomainException(422, "confirmation-code-wrong", "Wrong confirmation code",
                "the code does not match the one sent to " + PersonalData.maskPhone(phone) + "; " + left
                        + " attempt(s) left",
                List.of(DomainException.FieldError.coded("code", problemCode, "does not match the code sent")));
    }

    /**
     * The id of the record the request becomes, kept in its {@code field}: the one fixed already, or a new one fixed
     * now by whichever confirmation comes first.
     */
    public String fixedId(P held, String field, Function<P, String> idIn) {
        if (idIn.apply(held) != null) {
            return idIn.apply(held);
        }
        P claimed = mongo.findAndModify(Query.query(Criteria.where("_id").is(held.id())
                        .and("status").is(pending).and(field).is(null)),
                new Update().set(field, Ids.newId()), FindAndModifyOptions.options().returnNew(true), type);
        P fixed = claimed != null ? claimed : mongo.findById(held.id(), type);
        if (fixed == null || idIn.apply(fixed) == null) {
            throw DomainException.notFound(what + " " + held.id() + " awaiting confirmation");
        }
        return idIn.apply(fixed);
    }

    public void voidRequest(P held) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(held.id())), voided.get(), type);
    }
}
