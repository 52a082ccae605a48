package cn.sunshine.accreditation.base;

import java.time.Instant;

/** Who decided, when and why. */
public record Decision(String by, Instant at, String reason) {
}
