package cn.sunshine.accreditation.application;

import org.springframework.data.repository.Repository;

import java.util.List;
import java.util.Optional;

/** Reads only: applications are written through the AggregateStore. */
public interface ApplicationRepository extends Repository<Application, String> {

    Optional<Application> findById(String id);

    List<Application> findByTenderIdOrderBySubmissionAtAscIdAsc(String tenderId);
}
