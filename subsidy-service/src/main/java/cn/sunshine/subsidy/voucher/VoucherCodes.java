package cn.sunshine.subsidy.voucher;

import cn.sunshine.subsidy.config.SubsidyProperties;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * A voucher's verification code: HMAC-SHA256 of the serial under the configured secret, the first
 * 40 bits in Crockford base 32 (8 characters). A forged serial or code does not verify without the
 * secret; comparison takes constant time.
 */
@Component
public class VoucherCodes {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final SecretKeySpec key;

    public VoucherCodes(SubsidyProperties properties) {
        this.key = new SecretKeySpec(properties.voucherSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String codeOf(String serial) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] h = mac.doFinal(serial.getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 5; i++) {
                bits = (bits << 8) | (h[i] & 0xff);
            }
            char[] out = new char[8];
            for (int i = 7; i >= 0; i--) {
                out[i] = ALPHABET[(int) (bits & 31)];
                bits >>>= 5;
            }
            return new String(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public boolean verifies(String serial, String code) {
        if (serial == null || code == null) {
            return false;
        }
        return MessageDigest.isEqual(codeOf(serial).getBytes(StandardCharsets.US_ASCII),
                code.trim().toUpperCase().getBytes(StandardCharsets.US_ASCII));
    }
}
