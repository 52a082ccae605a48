package cn.sunshine.placement.base;

import java.time.Instant;
import java.util.List;

/** What the base endpoint answers. */
public final class BaseDtos {

    private BaseDtos() {
    }

    public record PlacementBaseView(String baseId, String name, String divisionCode, List<String> majorCodes,
                                    boolean revoked, Instant revokedAt) {
        static PlacementBaseView of(AccreditedBase b) {
            return new PlacementBaseView(b.getId(), b.getName(), b.getDivisionCode(), b.getMajorCodes(), b.isRevoked(),
                    b.getRevokedAt());
        }
    }
}
