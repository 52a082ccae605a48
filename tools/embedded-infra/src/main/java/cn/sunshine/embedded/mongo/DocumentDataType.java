package cn.sunshine.embedded.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

/**
 * The values of a collection's map in the store's file: a document as BSON, everything else as
 * H2's {@link ObjectDataType} writes it.
 *
 * <p>The stock backend opens its maps with {@code ObjectDataType}, which knows no {@link Document}
 * and writes one with Java serialization — and reads it back the same way, resolving every class of
 * the document through the class loader. In the province's year that was half of the embedded
 * database's CPU (docs/performance.md, "The embedded store"). Here a document is written as a tag
 * ({@link #TAG_BSON_DOCUMENT}, a value {@code ObjectDataType} never writes) followed by its BSON, the
 * wire format the server decodes the same document from. A value written by the stock type — a data
 * file of an earlier run — starts with one of {@code ObjectDataType}'s own tags and is read by it, so
 * an existing file opens unchanged and its documents are rewritten as BSON as they change.
 *
 * <p>A document BSON cannot hold (none the wire can bring) is written the stock way, and read so.
 */
final class DocumentDataType extends ObjectDataType {

    /** The first byte of a document written as BSON; {@code ObjectDataType}'s tags end below 120. */
    static final byte TAG_BSON_DOCUMENT = 120;

    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (obj instanceof Document document) {
            ByteBuf bson = Unpooled.buffer(256);
            try {
                BsonEncoder.encodeDocument(document, bson);
            } catch (RuntimeException notBson) {
                bson.release();
                super.write(buff, obj);
                return;
            }
            buff.put(TAG_BSON_DOCUMENT);
            buff.put(bson.nioBuffer());
            bson.release();
            return;
        }
        super.write(buff, obj);
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != TAG_BSON_DOCUMENT) {
            return super.read(buff);
        }
        buff.get(); // the tag
        ByteBuf bson = Unpooled.wrappedBuffer(buff.slice());
        Document document = BsonDecoder.decodeBson(bson);
        buff.position(buff.position() + bson.readerIndex());
        return document;
    }

    /**
     * What a document holds in memory, roughly (the store sizes its pages and its cache by it): the
     * stock type guesses one average size for every serialized object.
     */
    @Override
    public int getMemory(Object obj) {
        return obj instanceof Document document ? 48 + estimate(document) : super.getMemory(obj);
    }

    private static int estimate(Object value) {
        if (value instanceof Map<?, ?> map) {
            int size = 48;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                size += 40 + estimate(e.getKey()) + estimate(e.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> list) {
            int size = 40;
            for (Object element : list) {
                size += 8 + estimate(element);
            }
            return size;
        }
        if (value instanceof CharSequence text) {
            return 40 + text.length();
        }
        return 24;
    }
}
