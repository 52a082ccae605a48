package cn.sunshine.embedded.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A document in the store's file: BSON behind a tag of its own; anything else, and older values, the stock way. */
class DocumentDataTypeTest {

    private static final ObjectId CLASS_ID = new ObjectId();

    private static Document trainee() {
        return new Document("_id", "E-1")
                .append("classId", CLASS_ID)
                .append("divisionCode", "420981")
                .append("name", "张三")
                .append("year", 2026)
                .append("amountFen", 30_000L)
                .append("ratio", 0.9)
                .append("enrolledAt", Instant.parse("2026-04-08T02:00:00Z"))
                .append("withdrawn", false)
                .append("note", null)
                .append("key", UUID.fromString("5b0f2a7e-8d1c-4a0e-9e7a-6f1d2c3b4a59"))
                .append("_outbox", List.of(new Document("type", "trainee.enrolled").append("version", 1)))
                .append("address", new Document("county", "应城市").append("lines", List.of("城中街道", "1号")));
    }

    private static ByteBuffer written(ObjectDataType type, Object value) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, value);
        type.write(buffer, "after"); // the next value of the page starts where this one ends
        return buffer.getBuffer().flip();
    }

    @Test
    void aDocumentIsWrittenAsBsonAndReadBackAsItWas() {
        DocumentDataType type = new DocumentDataType();
        ByteBuffer bytes = written(type, trainee());
        assertThat(bytes.get(0)).isEqualTo(DocumentDataType.TAG_BSON_DOCUMENT);
        assertThat(type.read(bytes)).isEqualTo(trainee());
        assertThat(type.read(bytes)).isEqualTo("after");
        assertThat(bytes.hasRemaining()).isFalse();
    }

    @Test
    void aDocumentOfTheStockFormatIsReadAsBefore() {
        ByteBuffer bytes = written(new ObjectDataType(), trainee());
        assertThat(bytes.get(0)).isNotEqualTo(DocumentDataType.TAG_BSON_DOCUMENT);
        DocumentDataType type = new DocumentDataType();
        assertThat(type.read(bytes)).isEqualTo(trainee());
        assertThat(type.read(bytes)).isEqualTo("after");
    }

    @Test
    void otherValuesAreWrittenTheStockWay() {
        for (Object value : List.<Object>of("dataSize", 42L, List.of("a", "b"))) {
            ByteBuffer ours = written(new DocumentDataType(), value);
            ByteBuffer stock = written(new ObjectDataType(), value);
            assertThat(ours).as("%s", value).isEqualTo(stock);
            assertThat(new DocumentDataType().read(ours)).isEqualTo(value);
        }
    }

    @Test
    void theMemoryOfADocumentGrowsWithWhatItHolds() {
        DocumentDataType type = new DocumentDataType();
        Document small = new Document("_id", "E-1");
        assertThat(type.getMemory(trainee())).isGreaterThan(type.getMemory(small) + 500);
    }
}
