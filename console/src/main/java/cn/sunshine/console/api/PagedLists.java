package cn.sunshine.console.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every item of a paged list the services answer ({@code {items, page, size, total}}), read page by page (500 a
 * page, the most a service gives) up to a limit: what a page or a download shows is the whole list in the person's
 * scope, not its first page.
 */
public final class PagedLists {

    /** The largest page the services answer. */
    public static final int PAGE = 500;

    private PagedLists() {
    }

    public static List<Map<?, ?>> all(Gateway gateway, String path, int limit) {
        List<Map<?, ?>> out = new ArrayList<>();
        String sep = !path.contains("?") ? "?" : path.endsWith("?") || path.endsWith("&") ? "" : "&";
        for (int page = 0; out.size() < limit; page++) {
            Map<String, Object> body = gateway.get(path + sep + "size=" + PAGE + "&page=" + page).body();
            List<?> items = body.get("items") instanceof List<?> l ? l : List.of();
            for (Object o : items) {
                if (o instanceof Map<?, ?> m && out.size() < limit) {
                    out.add(m);
                }
            }
            long total = body.get("total") instanceof Number n ? n.longValue() : 0;
            if (items.size() < PAGE || out.size() >= total) {
                break;
            }
        }
        return out;
    }
}
