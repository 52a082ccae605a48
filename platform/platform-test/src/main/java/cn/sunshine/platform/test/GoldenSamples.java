package cn.sunshine.platform.test;

import cn.sunshine.platform.events.EventType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Producers' tests check the JSON they publish against the golden sample of its event type. */
public final class GoldenSamples {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GoldenSamples() {
    }

    public static JsonNode sample(EventType<?> type) {
        try (InputStream in = GoldenSamples.class.getClassLoader().getResourceAsStream(type.goldenSamplePath())) {
            assertThat(in).as("golden sample %s", type.goldenSamplePath()).isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that the published body equals the golden sample, field for field. */
    public static void assertMatches(EventType<?> type, String publishedJson) {
        assertThat(JSON.readTree(publishedJson)).as("%s body against its golden sample", type.name())
                .isEqualTo(sample(type));
    }
}
