package cn.sunshine.console.web;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.claims.Task;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The home page: what is waiting for me — one count per queue the person works, each a link to the queue. */
@Controller
public class HomeController {

    private final Gateway gateway;

    public HomeController(Gateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/")
    String home(Authentication auth, Model model) {
        CurrentUser me = CurrentUser.of(auth);
        List<Task> tasks = me == null ? List.of() : Task.forRoles(me.roles());
        Map<Task, Object> waiting = new LinkedHashMap<>();
        for (Task t : tasks) {
            try {
                waiting.put(t, gateway.get("/api/subsidy/claims?status=" + t.status() + "&size=1").body().get("total"));
            } catch (ApiException e) {
                waiting.put(t, null); // the page says "unavailable" for this count; the others still show
            }
        }
        model.addAttribute("waiting", waiting);
        return "home";
    }

    @GetMapping("/signed-out")
    String signedOut() {
        return "signed-out";
    }
}
