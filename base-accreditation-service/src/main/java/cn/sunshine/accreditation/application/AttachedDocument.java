package cn.sunshine.accreditation.application;

/** A document attached to an application: the file itself is kept elsewhere; its SHA-256 proves which one. */
public record AttachedDocument(String name, String type, String sha256, long sizeBytes) {
}
