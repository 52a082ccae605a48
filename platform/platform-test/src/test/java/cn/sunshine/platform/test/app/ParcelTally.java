package cn.sunshine.platform.test.app;

import cn.sunshine.platform.domain.AggregateRoot;
import org.springframework.data.mongodb.core.mapping.Document;

/** A projection kept by consuming events: parcels and weight per division. */
@Document("parcel_tallies")
public class ParcelTally extends AggregateRoot {

    private long count;
    private long totalWeightFen;

    protected ParcelTally() {
    }

    static ParcelTally first(String division, long weightFen) {
        ParcelTally t = new ParcelTally();
        t.id = division;
        t.count = 1;
        t.totalWeightFen = weightFen;
        return t;
    }

    void add(long weightFen) {
        count++;
        totalWeightFen += weightFen;
    }

    public long getCount() {
        return count;
    }

    public long getTotalWeightFen() {
        return totalWeightFen;
    }
}
