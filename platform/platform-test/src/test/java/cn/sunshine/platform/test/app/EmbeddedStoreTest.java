package cn.sunshine.platform.test.app;

import cn.sunshine.platform.test.DeclaredIndexes;
import cn.sunshine.platform.test.SunshineServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexField;
import org.springframework.data.mongodb.core.index.IndexInfo;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded store has the indexes the application declares, the non-unique ones included. */
@SunshineServiceTest
class EmbeddedStoreTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void everyDeclaredIndexExistsOnTheEmbeddedStore() {
        assertThat(DeclaredIndexes.declared(mongo)).isPositive();
        assertThat(DeclaredIndexes.missing(mongo)).isEmpty();
        assertThat(mongo.indexOps(Parcel.class).getIndexInfo())
                .anySatisfy(i -> assertThat(i.getIndexFields()).extracting(IndexField::getKey).containsExactly("division"))
                .filteredOn(IndexInfo::isUnique).extracting(IndexInfo::getName).doesNotContain("division");
    }
}
