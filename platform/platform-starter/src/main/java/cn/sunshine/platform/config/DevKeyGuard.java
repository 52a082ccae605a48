package cn.sunshine.platform.config;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start a service that trusts the development token key (which is public: it is in
 * the repository) outside the {@code local} and {@code test} profiles.
 */
public class DevKeyGuard implements InitializingBean {

    static final String DEV_KEY = "dev-jwt-public.pem";
    private final Environment env;

    public DevKeyGuard(Environment env) {
        this.env = env;
    }

    @Override
    public void afterPropertiesSet() {
        String location = env.getProperty("spring.security.oauth2.resourceserver.jwt.public-key-location", "");
        if (location.contains(DEV_KEY) && !env.acceptsProfiles(Profiles.of("local | test"))) {
            throw new IllegalStateException("the development token key is trusted only under the 'local' or 'test' "
                    + "profile; configure spring.security.oauth2.resourceserver.jwt.issuer-uri for a real identity provider");
        }
    }
}
