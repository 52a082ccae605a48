package cn.sunshine.placement.support;

import cn.sunshine.platform.web.Problems;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.List;

/**
 * The answer to a class's batch (its placements, a follow-up round) with bad rows: 422 {@code batch-rejected},
 * every bad row listed in {@code rows}; nothing of the batch was changed.
 */
public final class BatchRejection {

    private BatchRejection() {
    }

    public static ResponseEntity<ProblemDetail> of(List<?> rows) {
        ProblemDetail pd = Problems.of(422, "batch-rejected", "The batch has bad rows", rows.size()
                + " problem(s) found; nothing was changed: correct the rows and send the batch again");
        pd.setProperty("rows", rows);
        return ResponseEntity.unprocessableEntity().body(pd);
    }
}
