package cn.sunshine.subsidy.payment;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The nonces of the bureau's signed callbacks that were used: each is accepted once. One insert
 * whose id is the nonce, so of two copies of a request sent at once exactly one passes. A nonce is
 * kept until its request's timestamp has left the window (a TTL index removes it then): after that
 * the window alone refuses a replay.
 */
@Component
public class BureauNonces {

    /** A used nonce. */
    @Document("bureau_callback_nonces")
    public record Used(@Id String nonce, String keyId, Instant usedAt,
                       @Indexed(name = "expires", expireAfter = "0s") Instant expiresAt) {
    }

    private final MongoTemplate mongo;

    public BureauNonces(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @return true the first time this nonce is seen, false for every later time */
    public boolean firstUse(String keyId, String nonce, Instant usedAt, Instant expiresAt) {
        try {
            mongo.insert(new Used(nonce, keyId, usedAt, expiresAt));
            return true;
        } catch (DuplicateKeyException replayed) {
            return false;
        }
    }
}
