package cn.sunshine.accreditation.review;

import org.springframework.data.repository.Repository;

import java.util.Optional;

/** Reads only: panels are written through the AggregateStore. */
public interface ReviewPanelRepository extends Repository<ReviewPanel, String> {

    Optional<ReviewPanel> findByTenderId(String tenderId);
}
