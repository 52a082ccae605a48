package cn.sunshine.console.claims;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The claim chain's work queues: the claims waiting at a stage (by their status), who works it, and the
 * endpoint that decides it ({@code POST /api/subsidy/claims/{id}/<action>}).
 */
public enum Task {
    VERIFICATION("verification", "SUBMITTED", "verification", List.of("COUNTY_OFFICER")),
    APPROVAL("approval", "VERIFIED", "approval", List.of("COUNTY_LEADER")),
    EXTRA_APPROVAL("extra-approval", "AWAITING_EXTRA_APPROVAL", "extra-approval", List.of("COUNTY_LEADER", "CITY_OFFICER")),
    RECHECK("recheck", "APPROVED", "recheck", List.of("FINANCE_OFFICER"));

    private final String slug;
    private final String status;
    private final String action;
    private final List<String> roles;

    Task(String slug, String status, String action, List<String> roles) {
        this.slug = slug;
        this.status = status;
        this.action = action;
        this.roles = roles;
    }

    public String slug() {
        return slug;
    }

    public String status() {
        return status;
    }

    public String action() {
        return action;
    }

    public List<String> roles() {
        return roles;
    }

    public boolean workedBy(List<String> userRoles) {
        return userRoles.stream().anyMatch(roles::contains);
    }

    public static Optional<Task> bySlug(String slug) {
        return Arrays.stream(values()).filter(t -> t.slug.equals(slug)).findFirst();
    }

    /** The task a claim waits in, from the API's {@code waitingFor} (VERIFICATION, APPROVAL, EXTRA_APPROVAL, RECHECK). */
    public static Optional<Task> waitingFor(Object stage) {
        return stage == null ? Optional.empty() : Arrays.stream(values()).filter(t -> t.name().equals(stage.toString())).findFirst();
    }

    public static List<Task> forRoles(List<String> userRoles) {
        return Arrays.stream(values()).filter(t -> t.workedBy(userRoles)).toList();
    }
}
