package cn.sunshine.subsidy.voucher;

import cn.sunshine.subsidy.config.SubsidyProperties;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VoucherCodesTest {

    private static VoucherCodes codes(String secret) {
        return new VoucherCodes(new SubsidyProperties(secret, 0, "http://127.0.0.1:8090", null, 0, null, 0, null));
    }

    @Test
    void aCodeVerifiesOnlyItsSerialUnderItsSecret() {
        VoucherCodes ours = codes("the-county-secret-0001");
        String code = ours.codeOf("420981-2026-000001");
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{8}");
        assertThat(ours.codeOf("420981-2026-000001")).as("deterministic").isEqualTo(code);
        assertThat(ours.verifies("420981-2026-000001", code)).isTrue();
        assertThat(ours.verifies("420981-2026-000001", code.toLowerCase())).as("case-insensitive as read aloud").isTrue();
        assertThat(ours.verifies("420981-2026-000002", code)).isFalse();
        assertThat(ours.verifies("420981-2026-000001", null)).isFalse();
        assertThat(codes("another-secret-000002").verifies("420981-2026-000001", code))
                .as("without the secret a code cannot be made").isFalse();
    }

    @Test
    void codesOfSuccessiveSerialsDoNotRepeatOrFollowAPattern() {
        VoucherCodes ours = codes("the-county-secret-0001");
        Set<String> seen = new HashSet<>();
        for (int i = 1; i <= 5000; i++) {
            seen.add(ours.codeOf("420981-2026-" + String.format("%06d", i)));
        }
        assertThat(seen).hasSize(5000);
    }

    @Test
    void aShortSecretIsRefusedAtStart() {
        assertThatThrownBy(() -> codes("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("voucher-secret");
    }
}
