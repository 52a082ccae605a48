package cn.sunshine.enrollment.privacy;

import cn.sunshine.platform.crypto.EnvelopeCipher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The KEKs are required in every profile: without them the service does not start (the local profile has a development one). */
@Configuration
public class PersonalDataConfiguration {

    @Bean
    SealedTrainees sealedTrainees(PersonalDataKeyProperties properties) {
        try {
            return new SealedTrainees(new EnvelopeCipher(properties.currentKeyId(), properties.keys()));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("sunshine.enrollment.personal-data: " + e.getMessage(), e);
        }
    }

    @Bean
    PersonalDataKeys personalDataKeys(MongoTemplate mongo, SealedTrainees sealedTrainees) {
        return new PersonalDataKeys(mongo, sealedTrainees);
    }

    @Bean
    PersonalDataKeysEndpoint personalDataKeysEndpoint(PersonalDataKeys keys) {
        return new PersonalDataKeysEndpoint(keys);
    }
}
