package cn.sunshine.enrollment.registry;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;

/** Registers people for a year, one registration per person and year across the province. */
@Service
public class PersonYears {

    private final MongoTemplate mongo;

    public PersonYears(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Registers the person.
     *
     * @return empty when registered; the registration that holds the person otherwise
     */
    public Optional<PersonYear> register(PersonYear registration) {
        try {
            mongo.insert(registration);
            return Optional.empty();
        } catch (DuplicateKeyException e) {
            PersonYear holder = mongo.findById(registration.id(), PersonYear.class);
            // Removed between our insert and read (a withdrawal): still refused, the caller may retry.
            return Optional.of(holder != null ? holder : new PersonYear(registration.id(), null, null, null, null,
                    registration.maskedIdNumber(), null));
        }
    }

    /**
     * Registers the people, in one round trip: each registration lands or meets the one that holds the person.
     *
     * @return the holders of the registrations refused, by their index in {@code registrations}
     */
    public java.util.Map<Integer, PersonYear> registerAll(List<PersonYear> registrations) {
        if (registrations.size() == 1) {
            return register(registrations.get(0)).map(h -> java.util.Map.of(0, h)).orElseGet(java.util.Map::of);
        }
        java.util.Map<Integer, PersonYear> refused = new java.util.TreeMap<>();
        try {
            mongo.bulkOps(org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, PersonYear.class)
                    .insert(registrations).execute();
        } catch (org.springframework.data.mongodb.BulkOperationException e) {
            List<String> held = new java.util.ArrayList<>();
            for (com.mongodb.bulk.BulkWriteError error : e.getErrors()) {
                if (error.getCode() != 11000) {
                    throw e;
                }
                held.add(registrations.get(error.getIndex()).id());
                refused.put(error.getIndex(), null);
            }
            java.util.Map<String, PersonYear> holders = new java.util.HashMap<>();
            findAll(held).forEach(h -> holders.put(h.id(), h));
            refused.replaceAll((i, none) -> {
                PersonYear mine = registrations.get(i);
                // Removed between our insert and read (a withdrawal): still refused, the caller may retry.
                return holders.getOrDefault(mine.id(), new PersonYear(mine.id(), null, null, null, null,
                        mine.maskedIdNumber(), null));
            });
        }
        return refused;
    }

    public Optional<PersonYear> find(String id) {
        return Optional.ofNullable(mongo.findById(id, PersonYear.class));
    }

    public List<PersonYear> findAll(List<String> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), PersonYear.class);
    }

    /** Removes the registration held by the enrollment (a withdrawal, or a rollback of a refused import). */
    public void release(String id, String enrollmentId) {
        mongo.remove(Query.query(Criteria.where("_id").is(id).and("enrollmentId").is(enrollmentId)), PersonYear.class);
    }

    /** The 409 that tells where the person is already enrolled. */
    public static DomainException alreadyEnrolled(PersonYear holder, String field) {
        Phrase message = alreadyEnrolledMessage(holder);
        return new DomainException(409, "already-enrolled", "Already enrolled this year", message.english(),
                List.of(new DomainException.FieldError(field, message))).coded(message.code(), message.args().toArray());
    }

    /** Where the person is enrolled this year, and that a person is subsidised once a year. */
    public static Phrase alreadyEnrolledMessage(PersonYear holder) {
        return Phrase.coded("enrollment.already-enrolled", holder.maskedIdNumber() + " is already enrolled this year at "
                + where(holder) + ": a person is subsidised once a year", holder.maskedIdNumber(), wherePhrase(holder));
    }

    public static String where(PersonYear holder) {
        return wherePhrase(holder).english();
    }

    private static Phrase wherePhrase(PersonYear holder) {
        return holder.baseName() == null ? Phrase.coded("enrollment.another-base", "another base")
                : Phrase.coded("enrollment.base-in-county", holder.baseName() + " (county " + holder.divisionCode() + ")",
                        holder.baseName(), holder.divisionCode());
    }
}
