package cn.sunshine.platform.bases;

import cn.sunshine.platform.events.accreditation.BaseAccredited;
import cn.sunshine.platform.events.accreditation.BaseRevoked;

/**
 * A service's read model of a training base, kept from base-accreditation-service's events (each consuming
 * service's {@code AccreditedBase}): it keeps what that service needs of an accreditation and a revocation.
 * {@link AccreditedBaseEvents} subscribes it and reads it.
 */
public interface AccreditedBaseModel {

    String getId();

    String getDivisionCode();

    /** A (re-)accreditation: the base's name, division and whatever else the service keeps of it. */
    void apply(BaseAccredited e);

    /** A revocation. */
    void apply(BaseRevoked e);
}
