package cn.sunshine.accreditation.review;

import org.springframework.data.repository.Repository;

import java.util.List;

/** Reads only: score sheets are inserted through the AggregateStore and never changed. */
public interface ScoreSheetRepository extends Repository<ScoreSheet, String> {

    List<ScoreSheet> findByTenderId(String tenderId);

    long countByTenderId(String tenderId);
}
