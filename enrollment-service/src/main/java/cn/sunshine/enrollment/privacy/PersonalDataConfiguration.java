package cn.sunshine.enrollment.privacy;

import cn.sunshine.platform.crypto.EnvelopeCipher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The KEKs are required in every profile: without them the service does not start (the local profile has a development one). */
@Configuration
public class PersonalDataConfiguration {

    /** The development KEK of the local profile (application.yml): refused anywhere else. */
    static final String DEV_KEY = "ZGV2LW9ubHkta2VrLW5vdC1mb3ItYW55LXByb3ZpbmM=";

    @Bean
    SealedTrainees sealedTrainees(PersonalDataKeyProperties properties, org.springframework.core.env.Environment env) {
        boolean local = java.util.Arrays.asList(env.getActiveProfiles()).contains("local");
        if (!local && properties.keys().containsValue(DEV_KEY)) {
            throw new IllegalStateException("sunshine.enrollment.personal-data: the development key-encryption key is "
                    + "only for the local profile; set the province's KEK from its secrets");
        }
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
