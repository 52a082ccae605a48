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
        return hmac(id.value());
    }

    /**
     * A keyed hash of another identifying text under a purpose ({@code "phone"}, {@code "id-tail"}): what a record
     * is found by without holding the text (a trainee's confirmation, by the phone or the ID number's last six).
     */
    public String of(String purpose, String text) {
        return hmac(purpose + ":" + text);
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
