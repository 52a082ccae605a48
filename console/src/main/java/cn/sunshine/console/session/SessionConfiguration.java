package cn.sunshine.console.session;

import cn.sunshine.platform.crypto.EnvelopeCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

import java.time.Clock;

/**
 * Sessions outside the JVM (Spring Session's filter over {@link MongoSessionRepository}), with the person's
 * tokens inside them: the OAuth2 authorized client (access token) is kept in the session, not in the
 * console's memory, so any replica serves any request and a restart signs nobody out.
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringHttpSession
@EnableScheduling
public class SessionConfiguration {

    /** The development KEK of the local and test profiles (application.yml): refused under any other. */
    static final String DEV_KEY = "ZGV2LW9ubHktY29uc29sZS1zZXNzaW9uLWtlay1ubyE=";
    private static final Logger log = LoggerFactory.getLogger(SessionConfiguration.class);

    @Bean
    MongoSessionRepository sessionRepository(MongoTemplate mongo, SessionProperties properties, Environment env) {
        if (!env.acceptsProfiles(Profiles.of("local | test")) && properties.keys().containsValue(DEV_KEY)) {
            throw new IllegalStateException("sunshine.console.session: the development key-encryption key is only for "
                    + "the local profile; set the province's key (SUNSHINE_CONSOLE_SESSION_KEY) from its secrets");
        }
        EnvelopeCipher cipher;
        try {
            cipher = new EnvelopeCipher(properties.currentKeyId(), properties.keys());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("sunshine.console.session: " + e.getMessage(), e);
        }
        MongoSessionRepository repository = new MongoSessionRepository(mongo, cipher, properties.timeout(), Clock.systemUTC());
        try {
            repository.createIndexes();
        } catch (RuntimeException e) {
            log.warn("the sessions' indexes could not be created ({}); expired sessions are still removed every minute",
                    e.getMessage());
        }
        return repository;
    }

    @Bean
    CookieSerializer cookieSerializer(SessionProperties properties) {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName(properties.cookieName());
        cookie.setCookiePath("/");
        cookie.setUseHttpOnlyCookie(true);
        // Lax, not Strict: the identity provider's redirect back is a cross-site top-level navigation.
        cookie.setSameSite("Lax");
        cookie.setUseSecureCookie(properties.cookieSecure());
        return cookie;
    }

    /** The person's tokens in their session (Boot's default would keep them in the console's memory). */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    @Bean
    ExpiredSessions expiredSessions(MongoSessionRepository sessions) {
        return new ExpiredSessions(sessions);
    }

    /**
     * Removes expired sessions every minute, each expiry of a signed-in session told to the login log (MongoDB's TTL
     * index, an hour later, only catches what this missed, and a test backend may lack it).
     */
    static class ExpiredSessions {
        private final MongoSessionRepository sessions;

        ExpiredSessions(MongoSessionRepository sessions) {
            this.sessions = sessions;
        }

        @Scheduled(initialDelay = 60_000, fixedDelay = 60_000)
        void remove() {
            long n = sessions.deleteExpired();
            if (n > 0) {
                log.info("{} expired session(s) removed", n);
            }
        }
    }
}
