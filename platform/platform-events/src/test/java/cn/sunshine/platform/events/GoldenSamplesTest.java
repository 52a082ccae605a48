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

    /**
     * A sample as a type was before an optional field was added to it ({@code golden-earlier/<type>.json}) still
     * maps onto the record: every field it has keeps its value, the added ones read as null.
     */
    @Test
    void earlierSamplesOfATypeStayReadable() throws Exception {
        int checked = 0;
        for (EventType<?> type : EventTypes.ALL) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("golden-earlier/" + type.name() + ".json")) {
                if (in == null) {
                    continue;
                }
                checked++;
                JsonNode earlier = strict.readTree(in);
                JsonNode read = strict.readTree(strict.writeValueAsString(strict.treeToValue(earlier, type.payloadType())));
                for (var field : earlier.properties()) {
                    assertThat(read.get(field.getKey())).as("%s.%s", type.name(), field.getKey()).isEqualTo(field.getValue());
                }
                for (var field : read.properties()) {
                    if (!earlier.has(field.getKey())) {
                        assertThat(field.getValue().isNull()).as("%s.%s added: absent reads as null", type.name(),
                                field.getKey()).isTrue();
                    }
                }
            }
        }
        assertThat(checked).as("earlier samples found").isPositive();
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
