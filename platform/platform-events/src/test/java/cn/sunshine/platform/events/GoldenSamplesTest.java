package cn.sunshine.platform.events;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event type has a golden sample that maps onto its record exactly, field for field. */
class GoldenSamplesTest {

    private final JsonMapper strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Test
    void everyTypeHasASampleThatRoundTripsThroughItsRecord() throws Exception {
        for (EventType<?> type : EventTypes.ALL) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(type.goldenSamplePath())) {
                assertThat(in).as("golden sample of %s", type.name()).isNotNull();
                JsonNode sample = strict.readTree(in);
                Object record = strict.treeToValue(sample, type.payloadType());
                JsonNode roundTripped = strict.readTree(strict.writeValueAsString(record));
                assertThat(roundTripped).as(type.name()).isEqualTo(sample);
            }
        }
    }

    @Test
    void typeNamesAreUniqueAndVersioned() {
        Set<String> names = new HashSet<>();
        for (EventType<?> type : EventTypes.ALL) {
            assertThat(names.add(type.name())).as("unique %s", type.name()).isTrue();
            assertThat(type.name()).matches("[a-z]+\\.[a-z-]+\\.[a-z-]+\\.v\\d+");
            assertThat(EventTypes.byName(type.name())).isSameAs(type);
        }
    }
}
