package cn.sunshine.console.operator;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.auditlog.AuditTrail;
import cn.sunshine.console.session.MongoSessionRepository;
import cn.sunshine.console.web.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import java.util.Map;

/**
 * The platform operator's list of live console sessions (who, since when, last seen, ends at) and the power to end
 * one — a lost phone, a person who left the office. The console's own data (its sessions), not an API's: shown by a
 * handle derived from the session id, never the id itself, linked to its sign-in in the login log; ending one is
 * logged (the login log's "ended", with who ended it).
 */
@Controller
public class SessionsController {

    private static final Logger log = LoggerFactory.getLogger(SessionsController.class);

    private final MongoSessionRepository sessions;
    private final AuditTrail trail;

    public SessionsController(MongoSessionRepository sessions, AuditTrail trail) {
        this.sessions = sessions;
        this.trail = trail;
    }

    private static CurrentUser operator(Authentication auth) {
        CurrentUser me = CurrentUser.of(auth);
        if (me == null || !me.has("OPERATOR")) {
            throw new ApiException(404, null, "the sessions are the operator's", Map.of());
        }
        return me;
    }

    @GetMapping("/operator/sessions")
    String list(Authentication auth, Model model) {
        operator(auth);
        model.addAttribute("sessions", sessions.liveSessions(500));
        return "sessions";
    }

    @PostMapping("/operator/sessions/{handle}/end")
    String end(@PathVariable String handle, Authentication auth) {
        CurrentUser me = operator(auth);
        boolean ended = sessions.endByHandle(handle);
        if (ended) {
            trail.endedByOperator(handle, me.username());
        }
        log.info("console session {} ended by {}: {}", handle, me.username(), ended ? "ended" : "no such live session");
        return "redirect:/operator/sessions?" + (ended ? "ended=1" : "gone=1");
    }
}
