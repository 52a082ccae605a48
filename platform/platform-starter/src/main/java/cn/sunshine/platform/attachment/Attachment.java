package cn.sunshine.platform.attachment;

import java.time.Instant;

/**
 * A stored attachment as its owner's service shows it: who it belongs to ({@code ownerType} and {@code ownerId}: a
 * claim, an application, a complaint, an inspection…), the division whose officials and auditors may read it, its
 * kind (e.g. {@code FEE_RECEIPT}), the name the uploader gave it, the type detected from its bytes, its size and
 * SHA-256 (hex, lower case), who uploaded it and when.
 */
public record Attachment(String id, String ownerType, String ownerId, String divisionCode, String kind, String fileName,
                         String contentType, long sizeBytes, String sha256, String uploadedBy, String uploadedByName,
                         Instant uploadedAt) {

    /** Whose document it is: the owner's type and id, and the division (jurisdiction) the owner belongs to. */
    public record Owner(String type, String id, String divisionCode) {
    }

    public Owner owner() {
        return new Owner(ownerType, ownerId, divisionCode);
    }
}
