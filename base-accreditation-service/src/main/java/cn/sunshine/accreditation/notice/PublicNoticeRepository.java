package cn.sunshine.accreditation.notice;

import org.springframework.data.repository.Repository;

import java.util.Optional;

/** Reads only: notices are written through the AggregateStore. */
public interface PublicNoticeRepository extends Repository<PublicNotice, String> {

    Optional<PublicNotice> findById(String id);

    Optional<PublicNotice> findByTenderId(String tenderId);
}
