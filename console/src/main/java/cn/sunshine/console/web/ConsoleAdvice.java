package cn.sunshine.console.web;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.SignInAgain;
import cn.sunshine.console.security.SecurityConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page the signed-in person ({@code me}) and turns an API's refusal into a page that says what
 * happened in the person's words ({@link ApiErrors}): a polite "not found" for 403/404, "try again later"
 * for 429/503, "changed meanwhile" for 409/412. Forms that expect refusals (decisions) handle them in place.
 */
@ControllerAdvice
public class ConsoleAdvice {

    @ModelAttribute("me")
    CurrentUser me(Authentication auth) {
        return CurrentUser.of(auth);
    }

    @ModelAttribute("myTasks")
    java.util.List<cn.sunshine.console.claims.Task> myTasks(Authentication auth) {
        CurrentUser me = CurrentUser.of(auth);
        return me == null ? java.util.List.of() : cn.sunshine.console.claims.Task.forRoles(me.roles());
    }

    /** The language switch's links: this page, with the other language (query kept, so a filter survives). */
    @ModelAttribute("langLinks")
    java.util.Map<String, String> langLinks(HttpServletRequest request) {
        String here = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        java.util.Map<String, String> links = new java.util.HashMap<>();
        for (String lang : new String[] {"zh-CN", "en"}) {
            links.put(lang, org.springframework.web.util.UriComponentsBuilder.fromUriString(here)
                    .replaceQueryParam("lang", lang).build().toUriString());
        }
        return links;
    }

    @ModelAttribute("htmx")
    boolean htmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    @ExceptionHandler(ApiException.class)
    String refused(ApiException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        ApiErrors.Kind kind = ApiErrors.kindOf(e.status());
        if (kind == ApiErrors.Kind.SIGN_IN) {
            return signInAgain(request, response);
        }
        response.setStatus(kind.pageStatus());
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        model.addAttribute("me", CurrentUser.of(auth));
        model.addAttribute("myTasks", myTasks(auth));
        model.addAttribute("kind", kind);
        model.addAttribute("problem", e);
        return "problem";
    }

    @ExceptionHandler(SignInAgain.class)
    String signInAgain(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Refresh", "true");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return "fragments :: empty";
        }
        return "redirect:" + SecurityConfiguration.LOGIN;
    }
}
