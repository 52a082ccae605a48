package cn.sunshine.accreditation.quota;

import org.springframework.data.repository.Repository;

import java.util.Optional;

/** Reads only: ledgers are written through the AggregateStore. */
public interface QuotaLedgerRepository extends Repository<QuotaLedger, String> {

    Optional<QuotaLedger> findById(String id);

    Optional<QuotaLedger> findByDivisionCodeAndYear(String divisionCode, int year);
}
