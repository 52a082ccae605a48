package cn.sunshine.console.accreditation;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.CurrentUser;
import cn.sunshine.console.web.HomeController;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What waits for an officer in accreditation, read from the APIs as they are (no list of "my work" exists):
 * the published tenders in scope, for each closed one its ranking (complete, no notice yet → the notice can be
 * published), for each noticed one its notice (objections not yet decided; the period over and not finalised),
 * and the agreements whose proposed version waits for the base's signature. The home page shows one card per
 * kind; the tenders and agreements lists filter by it.
 */
@Component
public class AccreditationWork {

    /** The kinds of waiting work, in the order of the cards. */
    public enum Waiting {
        RANKED("ranked", "/accreditation/tenders?waiting=ranked"),
        OBJECTIONS("objections", "/accreditation/tenders?waiting=objections"),
        FINALISE("finalise", "/accreditation/tenders?waiting=finalise"),
        UNSIGNED("unsigned", "/accreditation/agreements?waiting=unsigned"),
        COMPLAINTS_NEW("complaintsNew", "/accreditation/complaints?status=RECEIVED"),
        COMPLAINTS_OVERDUE("complaintsOverdue", "/accreditation/complaints?overdue=true");

        private final String slug;
        private final String href;

        Waiting(String slug, String href) {
            this.slug = slug;
            this.href = href;
        }

        public String slug() {
            return slug;
        }

        /** The list that shows what waits. */
        public String href() {
            return href;
        }

        static Waiting of(String slug) {
            for (Waiting w : values()) {
                if (w.slug.equals(slug)) {
                    return w;
                }
            }
            return null;
        }
    }

    /** A tender and what the officer has to do with it (null: nothing waits). */
    public record Row(Map<String, Object> tender, Waiting waiting) {
    }

    private final Gateway gateway;

    public AccreditationWork(Gateway gateway) {
        this.gateway = gateway;
    }

    /** The published tenders in scope (up to 100, newest year first), each with what waits on it. */
    public List<Row> tenders() {
        List<Map<String, Object>> tenders = Pages.items(gateway.get("/api/accreditation/tenders?status=PUBLISHED&size=100").body());
        List<String> paths = new ArrayList<>();
        List<Map<String, Object>> asked = new ArrayList<>();
        for (Map<String, Object> t : tenders) {
            Object noticeId = t.get("noticeId");
            if ("CLOSED".equals(t.get("stage")) && noticeId == null) {
                paths.add("/api/accreditation/tenders/" + Pages.id(String.valueOf(t.get("id"))) + "/ranking");
                asked.add(t);
            } else if ("NOTICED".equals(t.get("stage")) && noticeId != null) {
                paths.add("/api/accreditation/notices/" + Pages.id(String.valueOf(noticeId)));
                asked.add(t);
            }
        }
        Map<Object, Waiting> waiting = new LinkedHashMap<>();
        List<Object> answers = paths.isEmpty() ? List.of() : gateway.getEach(paths);
        for (int i = 0; i < asked.size(); i++) {
            Gateway.Answer a = Pages.orNull(answers.get(i));
            if (a != null) {
                Waiting w = waitingOn(a.body());
                if (w != null) {
                    waiting.put(asked.get(i).get("id"), w);
                }
            }
        }
        return tenders.stream().map(t -> new Row(t, waiting.get(t.get("id")))).toList();
    }

    /** A ranking complete → its notice can be published; a notice: undecided objections, or its period over. */
    static Waiting waitingOn(Map<String, Object> rankingOrNotice) {
        if (rankingOrNotice.containsKey("complete")) {
            return Boolean.TRUE.equals(rankingOrNotice.get("complete")) ? Waiting.RANKED : null;
        }
        if (!"OPEN".equals(rankingOrNotice.get("status"))) {
            return null;
        }
        boolean undecided = Pages.list(rankingOrNotice.get("objections")).stream().anyMatch(o -> o.get("ruling") == null);
        if (undecided) {
            return Waiting.OBJECTIONS;
        }
        return Boolean.FALSE.equals(rankingOrNotice.get("open")) ? Waiting.FINALISE : null;
    }

    /** An agreement whose newest version is proposed and not yet signed by the base. */
    static boolean unsigned(Map<String, Object> agreement) {
        List<Map<String, Object>> versions = Pages.list(agreement.get("versions"));
        return !versions.isEmpty() && "PROPOSED".equals(versions.get(versions.size() - 1).get("status"));
    }

    /** The counts of the home page's cards (a kind whose API did not answer: null, "unavailable"). */
    public Map<Waiting, Integer> counts() {
        Map<Waiting, Integer> counts = new LinkedHashMap<>();
        try {
            List<Row> rows = tenders();
            for (Waiting w : List.of(Waiting.RANKED, Waiting.OBJECTIONS, Waiting.FINALISE)) {
                counts.put(w, (int) rows.stream().filter(r -> r.waiting() == w).count());
            }
        } catch (ApiException e) {
            counts.put(Waiting.RANKED, null);
            counts.put(Waiting.OBJECTIONS, null);
            counts.put(Waiting.FINALISE, null);
        }
        try {
            counts.put(Waiting.UNSIGNED, (int) Pages.items(gateway.get("/api/accreditation/agreements?size=200").body())
                    .stream().filter(AccreditationWork::unsigned).count());
        } catch (ApiException e) {
            counts.put(Waiting.UNSIGNED, null);
        }
        counts.put(Waiting.COMPLAINTS_NEW, total("/api/accreditation/complaints?status=RECEIVED&size=1"));
        counts.put(Waiting.COMPLAINTS_OVERDUE, total("/api/accreditation/complaints?overdue=true&size=1"));
        return counts;
    }

    /** A list's {@code total} (null when it does not answer). */
    private Integer total(String path) {
        try {
            return gateway.get(path).body().get("total") instanceof Number n ? n.intValue() : null;
        } catch (ApiException e) {
            return null;
        }
    }

    /** The home page's accreditation cards, for officers only (others get none and no call is made). */
    @ControllerAdvice(assignableTypes = HomeController.class)
    static class HomeCards {

        private final AccreditationWork work;

        HomeCards(AccreditationWork work) {
            this.work = work;
        }

        @ModelAttribute("accreditationWaiting")
        Map<Waiting, Integer> accreditationWaiting(Authentication auth) {
            CurrentUser me = CurrentUser.of(auth);
            if (me == null || me.roles().stream().noneMatch(Pages.OFFICER_ROLES::contains)) {
                return Map.of();
            }
            return work.counts();
        }
    }
}
