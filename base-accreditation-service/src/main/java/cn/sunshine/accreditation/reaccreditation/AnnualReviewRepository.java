package cn.sunshine.accreditation.reaccreditation;

import org.springframework.data.repository.Repository;

import java.util.List;
import java.util.Optional;

/** Reads only: reviews are written through the AggregateStore. */
public interface AnnualReviewRepository extends Repository<AnnualReview, String> {

    Optional<AnnualReview> findById(String id);

    List<AnnualReview> findByBaseIdOrderByYearDesc(String baseId);
}
