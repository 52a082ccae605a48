package cn.sunshine.console.saved;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Saving a list page's filter under a name, and deleting one: forms on the list pages (fragment
 * {@code saved :: bar}), each answered by going back to the page — with the saved filter applied, or as it was.
 */
@Controller
public class SavedSearchController {

    private final SavedSearches searches;

    public SavedSearchController(SavedSearches searches) {
        this.searches = searches;
    }

    @PostMapping("/saved-searches")
    String save(Authentication auth, @RequestParam(defaultValue = "") String name,
                @RequestParam(defaultValue = "") String path, @RequestParam(defaultValue = "") String query,
                RedirectAttributes redirect) {
        try {
            SavedSearches.Saved saved = searches.save(owner(auth), name, path, query);
            redirect.addFlashAttribute("savedNotice", "saved.done");
            return "redirect:" + saved.href();
        } catch (SavedSearches.Refused e) {
            redirect.addFlashAttribute("savedProblem", e.messageKey());
            String back = SavedSearches.cleaned(query);
            return "redirect:" + (path.matches("(/[a-z0-9-]{1,40}){1,4}") ? path + (back.isEmpty() ? "" : "?" + back) : "/");
        }
    }

    @PostMapping("/saved-searches/{id}/deletion")
    String delete(Authentication auth, @PathVariable String id, @RequestParam(defaultValue = "/") String path,
                  RedirectAttributes redirect) {
        searches.delete(owner(auth), id);
        redirect.addFlashAttribute("savedNotice", "saved.deleted");
        return "redirect:" + (path.matches("(/[a-z0-9-]{1,40}){1,4}") ? path : "/");
    }

    /** The person: their token's subject (a username can be given to someone else one day; a subject is not). */
    static String owner(Authentication auth) {
        if (auth != null && auth.getPrincipal() instanceof OidcUser user) {
            return user.getSubject();
        }
        throw new IllegalStateException("not signed in");
    }

    /**
     * Every page knows its own address (path, and the filter's query without paging or language), for the
     * fragment's form; the fragment asks {@code @savedSearches.mine(path)} itself, so only list pages read them.
     */
    @ControllerAdvice
    static class Here {

        @ModelAttribute("herePath")
        String herePath(HttpServletRequest request) {
            return request.getRequestURI();
        }

        @ModelAttribute("hereQuery")
        String hereQuery(HttpServletRequest request) {
            return SavedSearches.cleaned(request.getQueryString());
        }
    }
}
