package cn.sunshine.platform.web;

import cn.sunshine.platform.domain.DomainException;

/** Versions as ETags; a change with a stale {@code If-Match} answers 412. */
public final class ETags {

    private ETags() {
    }

    public static String of(Long version) {
        return "\"" + (version == null ? 0 : version) + "\"";
    }

    /**
     * Checks {@code If-Match} against the current version. A missing header is accepted (the
     * version check of the write still protects against lost updates).
     */
    public static void requireMatch(String ifMatch, Long version, String what) {
        if (ifMatch == null || ifMatch.isBlank() || "*".equals(ifMatch.trim())) {
            return;
        }
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (!v.equals(of(version))) {
            throw DomainException.staleVersion(what);
        }
    }
}
