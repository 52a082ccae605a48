package cn.sunshine.enrollment.privacy;

import cn.sunshine.enrollment.trainee.Enrollment;
import cn.sunshine.platform.crypto.EnvelopeCipher;
import cn.sunshine.platform.crypto.Sealed;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Key rotation of the personal data at rest: {@link #rewrapAll()} moves every enrollment's data key to
 * the current KEK (the value's ciphertext is not touched, the record's version neither), and seals a
 * record still in the clear (written before sealing). Each record is one conditional write on its
 * old wrapped key, so a record changed meanwhile (then sealed anew under the current KEK) is left as
 * it is, and running it again finishes any that remain. {@link #census()} counts records per KEK: an
 * old KEK can be removed from the configuration once it counts none.
 */
public class PersonalDataKeys {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataKeys.class);

    public record Census(String currentKeyId, java.util.Set<String> configuredKeyIds, Map<String, Long> recordsByKeyId,
                         long inTheClear) {
    }

    public record Rotation(long rewrapped, long sealed, long changedMeanwhile, Census after) {
    }

    private final MongoTemplate mongo;
    private final SealedTrainees sealedTrainees;

    public PersonalDataKeys(MongoTemplate mongo, SealedTrainees sealedTrainees) {
        this.mongo = mongo;
        this.sealedTrainees = sealedTrainees;
    }

    private MongoCollection<Document> enrollments() {
        return mongo.getCollection(mongo.getCollectionName(Enrollment.class));
    }

    public Census census() {
        Map<String, Long> byKey = new TreeMap<>();
        long clear = 0;
        for (Document d : enrollments().find().projection(Projections.include("trainee.sealed.kid"))) {
            Document t = d.get("trainee", Document.class);
            Document s = t == null ? null : t.get(SealedTrainees.SEALED, Document.class);
            if (s == null) {
                clear += t == null ? 0 : 1;
            } else {
                byKey.merge(s.getString("kid"), 1L, Long::sum);
            }
        }
        EnvelopeCipher c = sealedTrainees.cipher();
        return new Census(c.currentKeyId(), new java.util.TreeSet<>(c.keyIds()), byKey, clear);
    }

    public Rotation rewrapAll() {
        EnvelopeCipher cipher = sealedTrainees.cipher();
        String current = cipher.currentKeyId();
        long rewrapped = 0;
        long sealed = 0;
        long raced = 0;
        Bson notCurrent = Filters.or(Filters.ne("trainee.sealed.kid", current), Filters.exists("trainee.sealed", false));
        for (Document d : enrollments().find(Filters.and(Filters.exists("trainee", true), notCurrent))
                .projection(Projections.include("trainee"))) {
            Document t = d.get("trainee", Document.class);
            Document s = t.get(SealedTrainees.SEALED, Document.class);
            long matched;
            if (s != null) {
                Sealed moved = cipher.rewrap(SealedTrainees.fromDocument(s));
                matched = enrollments().updateOne(Filters.and(Filters.eq("_id", d.get("_id")),
                                Filters.eq("trainee.sealed.dk", s.get("dk"))),
                        Updates.set("trainee.sealed", SealedTrainees.toDocument(moved))).getMatchedCount();
                rewrapped += matched;
            } else {
                Document now = sealedTrainees.seal(sealedTrainees.open(t));
                matched = enrollments().updateOne(Filters.and(Filters.eq("_id", d.get("_id")),
                        Filters.exists("trainee.sealed", false)), Updates.set("trainee", now)).getMatchedCount();
                sealed += matched;
            }
            raced += 1 - matched;
        }
        Census after = census();
        log.info("personal data keys: {} data key(s) re-wrapped under {}, {} record(s) sealed, {} changed meanwhile; now {}",
                rewrapped, current, sealed, raced, after.recordsByKeyId());
        return new Rotation(rewrapped, sealed, raced, after);
    }

    /** For the endpoint's answer. */
    public static Map<String, Object> asMap(Rotation r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rewrapped", r.rewrapped());
        m.put("sealed", r.sealed());
        m.put("changedMeanwhile", r.changedMeanwhile());
        m.put("after", r.after());
        return m;
    }
}
