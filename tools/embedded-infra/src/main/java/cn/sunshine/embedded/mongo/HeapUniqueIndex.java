package cn.sunshine.embedded.mongo;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A unique index (the {@code _id} index of every collection and each declared unique index) held in
 * memory, as a hash map from the normalised key to the document's position, and filled from the
 * documents when the store opens (the collection fills an empty index: {@code addIndex}).
 *
 * <p>The stock backend keeps a unique index as a map in the store's file whose keys H2 compares by
 * serializing both with Java serialization at every step of a binary search: every lookup by
 * {@code _id} — each optimistic-lock update, each read by id — serialized a few dozen key objects.
 * Uniqueness is checked the same way (the same normalised keys as the stock index and the memory
 * backend's), only the lookup is a hash. What it costs: an entry a document and unique index, in
 * the devstack's heap; what it spares: the index's pages in the file.
 */
final class HeapUniqueIndex extends AbstractUniqueIndex<Object> {

    private final Map<KeyValue, Object> positions = new ConcurrentHashMap<>();

    HeapUniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
    }

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        return positions.remove(keyValue);
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        // as the stock H2 index stores it: a document without an _id has the position "missing"
        return positions.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return positions.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        return positions.get(keyValue);
    }

    @Override
    public long getCount() {
        return positions.size();
    }

    @Override
    public boolean isEmpty() {
        return positions.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        positions.clear();
    }
}
