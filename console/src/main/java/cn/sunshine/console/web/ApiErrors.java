package cn.sunshine.console.web;

/**
 * What a page does with an API's refusal, by status: the one place that decides it.
 *
 * <ul>
 *   <li>403, 404 → {@link Kind#NOT_FOUND}: a polite page ("not found or not yours"); the APIs answer 404 for what
 *       lies outside the caller's jurisdiction, so the page never says which;</li>
 *   <li>409, 412 → {@link Kind#CHANGED}: someone changed it meanwhile, reload;</li>
 *   <li>429, 502, 503, 504 → {@link Kind#LATER}: try again later;</li>
 *   <li>400, 422 → {@link Kind#INVALID}: the problem's detail, and each field's message next to the field;</li>
 *   <li>401 → {@link Kind#SIGN_IN}: the session's token is no longer accepted;</li>
 *   <li>anything else → {@link Kind#FAILED}.</li>
 * </ul>
 */
public final class ApiErrors {

    public enum Kind {
        NOT_FOUND(404, "error.notFound"), CHANGED(409, "error.changed"), LATER(503, "error.later"),
        INVALID(422, "error.invalid"), SIGN_IN(401, "error.signIn"), FAILED(500, "error.failed");

        private final int pageStatus;
        private final String messageKey;

        Kind(int pageStatus, String messageKey) {
            this.pageStatus = pageStatus;
            this.messageKey = messageKey;
        }

        /** The status the console's own page answers with. */
        public int pageStatus() {
            return pageStatus;
        }

        /** The message bundle key of the sentence shown to the person. */
        public String messageKey() {
            return messageKey;
        }
    }

    private ApiErrors() {
    }

    /**
     * 409s that refuse the input itself (the person is enrolled elsewhere this year, the voucher is someone else's
     * or in another claim, the reference is taken) are {@link Kind#INVALID}: reloading would not help, the
     * problem's detail says what to change. Every other refusal as {@link #kindOf(int)}.
     */
    static final java.util.Set<String> INPUT_CONFLICTS = java.util.Set.of("already-enrolled", "voucher-claimed",
            "voucher-not-redeemable", "duplicate-reference", "duplicate");

    public static Kind kindOf(cn.sunshine.console.api.ApiException e) {
        if (e.status() == 409 && e.kind() != null && INPUT_CONFLICTS.contains(e.kind())) {
            return Kind.INVALID;
        }
        return kindOf(e.status());
    }

    public static Kind kindOf(int status) {
        return switch (status) {
            case 403, 404 -> Kind.NOT_FOUND;
            case 409, 412 -> Kind.CHANGED;
            case 429, 502, 503, 504 -> Kind.LATER;
            case 400, 422 -> Kind.INVALID;
            case 401 -> Kind.SIGN_IN;
            default -> Kind.FAILED;
        };
    }
}
