package cn.sunshine.accreditation.base;

import org.springframework.data.repository.Repository;

import java.util.Optional;

/** Reads only: bases are written through the AggregateStore (state and events in one write). */
public interface BaseRepository extends Repository<Base, String> {

    Optional<Base> findById(String id);

    Optional<Base> findByCreditCodeAndDivisionCode(String creditCode, String divisionCode);
}
