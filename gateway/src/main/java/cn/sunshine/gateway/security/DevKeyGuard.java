package cn.sunshine.gateway.security;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Refuses to start a gateway that trusts the development token key outside the {@code local} and
 * {@code test} profiles. That key is public (it is in the repository): anyone could mint a token
 * for any role with it. The key is recognised by its file name and by its content, so a copy under
 * another name is refused too. The same rule as the services' guard in platform-starter.
 */
public class DevKeyGuard implements InitializingBean {

    static final String PROPERTY = "spring.security.oauth2.resourceserver.jwt.public-key-location";
    static final String DEV_KEY_NAME = "dev-jwt-public.pem";
    static final String DEV_KEY = "classpath:sunshine/" + DEV_KEY_NAME;

    private final Environment env;
    private final ResourceLoader resources;

    public DevKeyGuard(Environment env, ResourceLoader resources) {
        this.env = env;
        this.resources = resources;
    }

    @Override
    public void afterPropertiesSet() {
        String location = env.getProperty(PROPERTY, "");
        if (location.isBlank() || env.acceptsProfiles(Profiles.of("local | test"))) {
            return;
        }
        if (location.contains(DEV_KEY_NAME) || sameKey(location)) {
            throw new IllegalStateException("the development token key is trusted only under the 'local' or 'test' "
                    + "profile; configure spring.security.oauth2.resourceserver.jwt.issuer-uri for a real identity "
                    + "provider (profile 'cluster')");
        }
    }

    private boolean sameKey(String location) {
        String configured = read(resources.getResource(location));
        String dev = read(resources.getResource(DEV_KEY));
        return configured != null && configured.equals(dev);
    }

    private static String read(Resource resource) {
        if (!resource.exists()) {
            return null;
        }
        try (InputStream in = resource.getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return Arrays.stream(pem.split("\\R")).map(String::strip).filter(l -> !l.isEmpty())
                    .reduce("", String::concat);
        } catch (IOException e) {
            return null;
        }
    }
}
