package cn.sunshine.platform.test.privacy;

import cn.sunshine.platform.crypto.EnvelopeCipher;
import cn.sunshine.platform.crypto.Sealed;
import cn.sunshine.platform.export.SafeCells;
import cn.sunshine.platform.identifiers.Disclosure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The platform's masking policy, envelope encryption and formula-safe cells, without a service. */
class PersonalDataPolicyTest {

    static final String K1 = Base64.getEncoder().encodeToString("k1-0123456789abcdef0123456789abc".getBytes(StandardCharsets.US_ASCII));
    static final String K2 = Base64.getEncoder().encodeToString("k2-0123456789abcdef0123456789abc".getBytes(StandardCharsets.US_ASCII));

    @Test
    void aMaskedLevelCarriesNeitherBirthDateNorAge() {
        for (Disclosure d : List.of(Disclosure.MASKED, Disclosure.MASKED_WITH_ADDRESS)) {
            assertThat(d.idNumber("420981198104061601")).isEqualTo("420981********1601");
            assertThat(d.phone("13871234567")).isEqualTo("138****4567");
            assertThat(d.birthDate(LocalDate.of(1981, 4, 6))).isNull();
            assertThat(d.age(45)).isNull();
        }
        assertThat(Disclosure.MASKED.address("杨河镇")).isNull();
        assertThat(Disclosure.MASKED_WITH_ADDRESS.address("杨河镇")).isEqualTo("杨河镇");
        assertThat(Disclosure.WHOLE.idNumber("420981198104061601")).isEqualTo("420981198104061601");
        assertThat(Disclosure.WHOLE.birthDate(LocalDate.of(1981, 4, 6))).isEqualTo(LocalDate.of(1981, 4, 6));
    }

    @Test
    void sealedValuesOpenUnderTheirKeyAndRewrapMovesThemToTheCurrentOne() {
        EnvelopeCipher one = new EnvelopeCipher("k1", Map.of("k1", K1));
        Sealed s = one.seal("420981198104061601");
        assertThat(new String(s.data(), StandardCharsets.ISO_8859_1)).doesNotContain("420981");
        assertThat(s.keyId()).isEqualTo("k1");
        assertThat(one.openString(s)).isEqualTo("420981198104061601");
        assertThat(one.seal("x").wrappedKey()).as("a data key per value").isNotEqualTo(one.seal("x").wrappedKey());

        EnvelopeCipher both = new EnvelopeCipher("k2", Map.of("k1", K1, "k2", K2));
        Sealed moved = both.rewrap(s);
        assertThat(moved.keyId()).isEqualTo("k2");
        assertThat(moved.data()).as("the value is not re-encrypted").isEqualTo(s.data());
        EnvelopeCipher two = new EnvelopeCipher("k2", Map.of("k2", K2));
        assertThat(two.openString(moved)).isEqualTo("420981198104061601");
        assertThatThrownBy(() -> two.open(s)).isInstanceOf(IllegalStateException.class).hasMessageContaining("k1");
        // tampering is detected
        byte[] data = moved.data().clone();
        data[0] ^= 1;
        assertThatThrownBy(() -> two.open(new Sealed("k2", moved.wrappedKey(), moved.iv(), data)))
                .isInstanceOf(IllegalStateException.class);
        // a wrapped key moved under another key id does not open
        assertThatThrownBy(() -> both.open(new Sealed("k1", moved.wrappedKey(), moved.iv(), moved.data())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noKekNoCipher() {
        assertThatThrownBy(() -> new EnvelopeCipher(null, Map.of())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new EnvelopeCipher("k1", Map.of("k1", "c2hvcnQ="))).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new EnvelopeCipher("k3", Map.of("k1", K1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyDangerousFirstCharacterIsNeutralisedAndQuoted() {
        for (String c : List.of("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")) {
            String v = c + "HYPERLINK(\"http://x/\",\"y\")";
            assertThat(SafeCells.neutralise(v)).isEqualTo("'" + v);
            assertThat(SafeCells.csvField(v)).startsWith("\"'").endsWith("\"");
        }
        assertThat(SafeCells.csvField("张伟")).isEqualTo("张伟");
        assertThat(SafeCells.csvField("420981********1601")).isEqualTo("420981********1601");
        assertThat(SafeCells.csvField("a,b")).isEqualTo("\"a,b\"");
        assertThat(SafeCells.neutralise(null)).isEmpty();
        assertThat(SafeCells.csvLine(List.of("=1", "2"))).isEqualTo("\"'=1\",2");
    }
}
