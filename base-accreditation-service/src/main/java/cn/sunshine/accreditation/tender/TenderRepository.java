package cn.sunshine.accreditation.tender;

import org.springframework.data.repository.Repository;

import java.util.Optional;

/** Reads only: tenders are written through the AggregateStore. */
public interface TenderRepository extends Repository<Tender, String> {

    Optional<Tender> findById(String id);
}
