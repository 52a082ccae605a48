package cn.sunshine.accreditation.agreement;

import org.springframework.data.repository.Repository;

import java.util.Optional;

/** Reads only: agreements are written through the AggregateStore. */
public interface AgreementRepository extends Repository<Agreement, String> {

    Optional<Agreement> findById(String id);

    Optional<Agreement> findByBaseIdAndYear(String baseId, int year);
}
