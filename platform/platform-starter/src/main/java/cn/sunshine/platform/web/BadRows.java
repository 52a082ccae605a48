package cn.sunshine.platform.web;

import cn.sunshine.platform.domain.Phrase;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.List;

/**
 * The answer to a file or a batch with bad rows (a roster, another programme's list, a class's batch): 422 with the
 * problem and, under {@code rows}, every row found wrong; nothing was changed.
 */
public final class BadRows {

    private BadRows() {
    }

    /**
     * 422 {@code urn:sunshine:problem:batch-rejected}: a class's batch (completions, vouchers redeemed, placements, a
     * follow-up round) with bad rows, none applied.
     */
    public static ResponseEntity<ProblemDetail> batch(List<?> rows) {
        return refuse("batch-rejected", "The batch has bad rows", rows.size()
                + " problem(s) found; nothing was changed: correct the rows and send the batch again", rows);
    }

    /** 422 {@code urn:sunshine:problem:<kind>} with the rows. */
    public static ResponseEntity<ProblemDetail> refuse(String kind, String title, String detail, List<?> rows) {
        return refuse(Problems.of(422, kind, title, detail), rows);
    }

    /** As {@link #refuse(String, String, String, List)}, the detail in the caller's language. */
    public static ResponseEntity<ProblemDetail> refuse(String kind, String title, Phrase detail, List<?> rows) {
        return refuse(Problems.of(422, kind, title, detail), rows);
    }

    private static ResponseEntity<ProblemDetail> refuse(ProblemDetail problem, List<?> rows) {
        problem.setProperty("rows", rows);
        return ResponseEntity.unprocessableEntity().body(problem);
    }
}
