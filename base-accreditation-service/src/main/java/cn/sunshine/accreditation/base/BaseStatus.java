package cn.sunshine.accreditation.base;

/** ACCREDITED → REVOKED (取缔). A revoked base is never accredited again under the same record. */
public enum BaseStatus {
    ACCREDITED,
    REVOKED
}
