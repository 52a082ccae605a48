package cn.sunshine.console.web;

import cn.sunshine.console.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;

/**
 * A form's refusal shown beside the form: the kind ({@link ApiErrors}) as {@code <form>Feedback}, the problem (the
 * fields' messages under their fields) as {@code <form>Problem}, and the page's status. An expired session and a
 * record gone or not the person's are not the form's: they are thrown on to their own pages (ConsoleAdvice).
 */
public final class FormFeedback {

    private FormFeedback() {
    }

    /** 401 and 403/404 go to their pages (ConsoleAdvice); anything else is shown in the form. */
    public static ApiErrors.Kind formProblem(ApiException e) {
        ApiErrors.Kind kind = ApiErrors.kindOf(e);
        if (kind == ApiErrors.Kind.SIGN_IN || kind == ApiErrors.Kind.NOT_FOUND) {
            throw e;
        }
        return kind;
    }

    /**
     * A page's one form refused: the kind and the problem as {@code feedback} and {@code problem}, the page's
     * status.
     */
    public static ApiErrors.Kind refused(ApiException e, Model model, HttpServletResponse response) {
        ApiErrors.Kind kind = formProblem(e);
        model.addAttribute("feedback", kind);
        model.addAttribute("problem", e);
        response.setStatus(kind.pageStatus());
        return kind;
    }

    /** The refusal beside the form named {@code form}, the whole page answering with the kind's status. */
    public static ApiErrors.Kind beside(String form, ApiException e, Model model, HttpServletResponse response) {
        ApiErrors.Kind kind = formProblem(e);
        model.addAttribute(form + "Feedback", kind);
        model.addAttribute(form + "Problem", e);
        response.setStatus(kind.pageStatus());
        return kind;
    }

    /**
     * The same for a form htmx swaps in place: htmx swaps only a 2xx answer, so its part answers 200; a plain
     * form's page answers with the kind's status.
     */
    public static ApiErrors.Kind besideSwapped(String form, ApiException e, Model model, HttpServletRequest request,
                                               HttpServletResponse response) {
        ApiErrors.Kind kind = beside(form, e, model, response);
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setStatus(200);
        }
        return kind;
    }
}
