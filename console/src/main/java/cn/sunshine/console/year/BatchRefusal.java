package cn.sunshine.console.year;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.web.ApiErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;

import java.util.LinkedHashMap;
import java.util.Map;

import static cn.sunshine.console.classes.BaseClassesController.htmx;
import static cn.sunshine.console.web.FormFeedback.formProblem;

/**
 * A class's batch sheet (vouchers, assessments, completions, placements, a follow-up round) that did not go: nothing
 * ticked, or the API refused it — all rows or none — and each refused row's messages are shown on its row, keyed as
 * the page keys its rows (an enrollment id, a voucher serial, a placement id; "" for the sheet as a whole).
 */
final class BatchRefusal {

    private final ApiErrors.Kind kind;
    private final ApiException refused;
    private final Map<String, String> rowErrors = new LinkedHashMap<>();

    private BatchRefusal(ApiErrors.Kind kind, ApiException refused) {
        this.kind = kind;
        this.refused = refused;
    }

    /** No row ticked: nothing is sent, the sheet says so. */
    static BatchRefusal nothingTicked(Model model) {
        model.addAttribute("batchMessageKey", "year.batch.none");
        return new BatchRefusal(ApiErrors.Kind.INVALID, null);
    }

    /** The API refused the batch (sign-in and not-found are thrown on). */
    static BatchRefusal refused(ApiException e) {
        return new BatchRefusal(formProblem(e), e);
    }

    /** A message on the row keyed {@code key}, after those it already has. */
    void onRow(String key, String message) {
        rowErrors.merge(key, message, (a, b) -> a + "；" + b);
    }

    /** The refusal on the sheet, with what was typed; an htmx swap answers 200, a whole page the kind's status. */
    void show(Map<String, String> submitted, Model model, HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("batchFeedback", kind);
        model.addAttribute("batchProblem", refused);
        model.addAttribute("rowErrors", rowErrors);
        model.addAttribute("submitted", submitted);
        response.setStatus(htmx(request) ? 200 : kind.pageStatus());
    }
}
