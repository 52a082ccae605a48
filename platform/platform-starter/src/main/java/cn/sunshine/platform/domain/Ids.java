package cn.sunshine.platform.domain;

import java.util.UUID;

/** Opaque identifiers for our records. */
public final class Ids {

    private Ids() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
