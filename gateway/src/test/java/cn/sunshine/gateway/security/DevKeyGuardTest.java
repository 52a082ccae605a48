package cn.sunshine.gateway.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DevKeyGuardTest {

    private static DevKeyGuard guard(String location, String... profiles) {
        MockEnvironment env = new MockEnvironment();
        if (location != null) {
            env.setProperty(DevKeyGuard.PROPERTY, location);
        }
        env.setActiveProfiles(profiles);
        return new DevKeyGuard(env, new DefaultResourceLoader());
    }

    @Test
    void theDevelopmentKeyIsTrustedUnderLocalAndTestOnly() {
        assertThatCode(() -> guard(DevKeyGuard.DEV_KEY, "local").afterPropertiesSet()).doesNotThrowAnyException();
        assertThatCode(() -> guard(DevKeyGuard.DEV_KEY, "test").afterPropertiesSet()).doesNotThrowAnyException();
        assertThatIllegalStateException().isThrownBy(() -> guard(DevKeyGuard.DEV_KEY, "cluster").afterPropertiesSet())
                .withMessageContaining("issuer-uri");
        assertThatIllegalStateException().isThrownBy(() -> guard(DevKeyGuard.DEV_KEY).afterPropertiesSet());
    }

    @Test
    void aCopyOfTheDevelopmentKeyUnderAnotherNameIsRefusedToo(@TempDir Path dir) throws IOException {
        Path copy = dir.resolve("province-key.pem");
        try (InputStream in = getClass().getResourceAsStream("/sunshine/dev-jwt-public.pem")) {
            Files.write(copy, in.readAllBytes());
        }
        assertThatIllegalStateException().isThrownBy(
                () -> guard(copy.toUri().toString(), "cluster").afterPropertiesSet());
    }

    @Test
    void anIdentityProviderOrAnotherKeyIsFine(@TempDir Path dir) throws IOException {
        Path other = dir.resolve("province-key.pem");
        Files.writeString(other, "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----\n");
        assertThatCode(() -> guard(null, "cluster").afterPropertiesSet()).doesNotThrowAnyException();
        assertThatCode(() -> guard(other.toUri().toString(), "cluster").afterPropertiesSet()).doesNotThrowAnyException();
    }
}
