package cn.sunshine.platform.test.app;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** A test aggregate: registered, then maybe flagged. */
@Document("parcels")
public class Parcel extends AggregateRoot {

    @Indexed // a non-unique index: the embedded store creates it and narrows equalities through it
    private String division;
    private long weightFen;
    private boolean flagged;
    private String note;

    protected Parcel() {
    }

    public static Parcel register(String division, long weightFen) {
        Parcel p = new Parcel();
        p.id = Ids.newId();
        p.division = division;
        p.weightFen = weightFen;
        p.note = "new";
        p.recordEvent(PlatformTestApp.PARCEL_REGISTERED, new PlatformTestApp.ParcelRegistered(p.id, division, weightFen),
                division, Instant.now());
        return p;
    }

    public void flag() {
        if (flagged) {
            throw DomainException.invalidTransition("parcel", "flagged", "flagged again");
        }
        flagged = true;
        note = null;
        recordEvent(PlatformTestApp.PARCEL_FLAGGED, new PlatformTestApp.ParcelRegistered(id, division, weightFen),
                division, Instant.now());
    }

    /** Writes a note on the parcel (no event). */
    public void annotate(String text) {
        note = text;
    }

    public String getDivision() {
        return division;
    }

    public boolean isFlagged() {
        return flagged;
    }

    public String getNote() {
        return note;
    }
}
