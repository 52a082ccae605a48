package cn.sunshine.enrollment.support;

import cn.sunshine.platform.identifiers.ResidentIdNumber;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * A keyed hash (HMAC-SHA256 with a configured secret) of a resident ID number: the key under which
 * the person is registered for a year, so that the registry never holds the number itself and
 * cannot be reversed by hashing all possible numbers without the secret.
 */
@Component
public class PersonKey {

    private final SecretKeySpec key;

    public PersonKey(EnrollmentProperties properties) {
        this.key = new SecretKeySpec(properties.personKeySecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String of(ResidentIdNumber id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(id.value().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
