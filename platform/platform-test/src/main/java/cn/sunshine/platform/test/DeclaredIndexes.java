package cn.sunshine.platform.test;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexField;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.MongoPersistentEntityIndexResolver;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The indexes a service declares ({@code @Indexed}, {@code @CompoundIndex}, … on its
 * {@code @Document} classes, created by Spring Data's auto index creation) that its database does
 * not have. The embedded store creates every one of them — unique and non-unique — and answers
 * equalities through them; {@link SunshineTestInitializer} checks this when a service under test
 * is ready, so an index that silently fails to exist shows up in the tests.
 */
public final class DeclaredIndexes {

    private DeclaredIndexes() {
    }

    /** "collection {keys}" for every declared index missing from the database (empty: all exist). */
    public static List<String> missing(MongoTemplate mongo) {
        var mappingContext = mongo.getConverter().getMappingContext();
        var resolver = new MongoPersistentEntityIndexResolver(mappingContext);
        Map<String, List<List<String>>> existing = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (MongoPersistentEntity<?> entity : mappingContext.getPersistentEntities()) {
            if (!entity.isAnnotationPresent(org.springframework.data.mongodb.core.mapping.Document.class)) {
                continue;
            }
            for (var holder : resolver.resolveIndexFor(entity.getTypeInformation())) {
                String collection = holder.getCollection();
                List<String> keys = new ArrayList<>(holder.getIndexKeys().keySet());
                List<List<String>> present = existing.computeIfAbsent(collection, c -> keysOf(mongo, c));
                if (!present.contains(keys)) {
                    missing.add(collection + " " + holder.getIndexKeys().toJson());
                }
            }
        }
        return missing;
    }

    /** How many indexes the service declares (for the log line). */
    public static int declared(MongoTemplate mongo) {
        var mappingContext = mongo.getConverter().getMappingContext();
        var resolver = new MongoPersistentEntityIndexResolver(mappingContext);
        int n = 0;
        for (MongoPersistentEntity<?> entity : mappingContext.getPersistentEntities()) {
            if (entity.isAnnotationPresent(org.springframework.data.mongodb.core.mapping.Document.class)) {
                for (var ignored : resolver.resolveIndexFor(entity.getTypeInformation())) {
                    n++;
                }
            }
        }
        return n;
    }

    private static List<List<String>> keysOf(MongoTemplate mongo, String collection) {
        List<List<String>> keys = new ArrayList<>();
        for (IndexInfo info : mongo.indexOps(collection).getIndexInfo()) {
            keys.add(info.getIndexFields().stream().map(IndexField::getKey).toList());
        }
        return keys;
    }
}
