package cn.sunshine.embedded.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;

import java.util.Collection;

/**
 * A compound unique index (the backend's own, which enforces uniqueness and answers a query of all
 * its keys) together with an {@link EqualityIndex} on its first key, so that a query with an
 * equality on that key alone — a tender's applications by {@code tenderId}, a base's agreements by
 * {@code baseId} — is narrowed too, as MongoDB narrows by an index prefix. Both are in memory and
 * filled from the documents when the store opens; with the stock planner ({@code narrowing=false}) the
 * unique index is the stock one, kept in the store's file, and the collection fills the prefix alone
 * ({@link IndexedH2Collection#addIndex}).
 */
final class PrefixedUniqueIndex extends Index<Object> {

    private final Index<Object> unique;
    private final EqualityIndex<Object> prefix;

    PrefixedUniqueIndex(Index<Object> unique, EqualityIndex<Object> prefix, boolean sparse) {
        super(unique.getName(), unique.getKeys(), sparse);
        this.unique = unique;
        this.prefix = prefix;
    }

    /** The backend's unique index, which answers equalities on all the keys. */
    Index<Object> unique() {
        return unique;
    }

    /** The positions of the documents whose first key equals {@code value}. */
    Collection<Object> prefixPositions(Object value) {
        return prefix.positionsOf(value);
    }

    /** How many documents {@link #prefixPositions} would name, without copying them. */
    int prefixCount(Object value) {
        return prefix.countOf(value);
    }

    String prefixField() {
        return prefix.field();
    }

    /**
     * Whether the prefix is still to be filled: the unique index holds documents (it was opened from
     * the store's file) and the prefix, which is kept in memory only, none.
     */
    boolean prefixNeedsLoading() {
        return prefix.isEmpty() && !unique.isEmpty();
    }

    /** Adds a stored document to the prefix only (the unique index already holds it). */
    void loadPrefix(Document document, Object position) {
        prefix.add(document, position, null);
    }

    @Override
    public boolean isUnique() {
        return true;
    }

    @Override
    public Object getPosition(Document document) {
        return unique.getPosition(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        unique.checkAdd(document, collection);
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        unique.add(document, position, collection);
        prefix.add(document, position, collection);
    }

    @Override
    public Object remove(Document document) {
        Object position = unique.remove(document);
        prefix.remove(document);
        return position;
    }

    @Override
    public boolean canHandle(Document query) {
        return unique.canHandle(query);
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        return unique.getPositions(query);
    }

    @Override
    public long getCount() {
        return unique.getCount();
    }

    @Override
    public boolean isEmpty() {
        return unique.isEmpty();
    }

    @Override
    public long getDataSize() {
        return unique.getDataSize();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        unique.checkUpdate(oldDocument, newDocument, collection);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) throws KeyConstraintError {
        unique.updateInPlace(oldDocument, newDocument, position, collection);
        prefix.updateInPlace(oldDocument, newDocument, position, collection);
    }

    @Override
    public void drop() {
        unique.drop();
        prefix.drop();
    }
}
