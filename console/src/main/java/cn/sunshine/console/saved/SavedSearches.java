package cn.sunshine.console.saved;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A person's saved searches (常用筛选): a name and a list page's filter (its path and query), kept in the console's
 * database (collection {@code saved_searches}) under the person's token subject, so they follow the person to any
 * computer and either replica. Only the person sees, uses or deletes their own. Nothing personal is kept: the query
 * is a list page's filter (a status, a base, a year), never a trainee's name or number — a query that holds an ID
 * number or a mobile number is refused.
 */
@Component
public class SavedSearches {

    static final String COLLECTION = "saved_searches";
    /** How many a person keeps for one page; the oldest goes when a new one would pass it. */
    static final int PER_PAGE = 12;
    static final int NAME_MAX = 30;
    static final int QUERY_MAX = 600;

    /** The list pages a search can be saved for: a path made of these segments only. */
    private static final Pattern PATH = Pattern.compile("(/[a-z0-9-]{1,40}){1,4}");
    private static final Pattern PERSONAL = Pattern.compile("\\d{17}[\\dXx]|\\d{15}|1\\d{10}");

    /** One saved search. */
    public record Saved(String id, String name, String path, String query) {
        /** Where it leads: the page with its filter. */
        public String href() {
            return query.isEmpty() ? path : path + "?" + query;
        }
    }

    /** What is wrong with a search to save, as a message key of the console's bundle. */
    public static final class Refused extends RuntimeException {
        private final String messageKey;

        Refused(String messageKey) {
            super(messageKey);
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    private final MongoTemplate mongo;
    private final Clock clock;

    public SavedSearches(MongoTemplate mongo) {
        this.mongo = mongo;
        this.clock = Clock.systemUTC();
        try {
            collection().createIndex(Indexes.ascending("owner", "path", "createdAt"));
        } catch (RuntimeException e) {
            // The index helps; the console works without it (a read scans one person's few entries).
        }
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    /** The signed-in person's saved searches for a page (the list pages' fragment {@code saved :: bar} asks). */
    public List<Saved> mine(String path) {
        org.springframework.security.core.Authentication auth =
                org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof org.springframework.security.oauth2.core.oidc.user.OidcUser user
                ? of(user.getSubject(), path) : List.of();
    }

    /** The person's saved searches for a page, oldest first. */
    public List<Saved> of(String owner, String path) {
        if (owner == null || path == null || !PATH.matcher(path).matches()) {
            return List.of();
        }
        List<Saved> out = new ArrayList<>();
        for (Document d : collection().find(Filters.and(Filters.eq("owner", owner), Filters.eq("path", path)))
                .sort(Sorts.ascending("createdAt"))) {
            out.add(new Saved(d.getString("_id"), d.getString("name"), d.getString("path"), d.getString("query")));
        }
        return out;
    }

    /**
     * Saves a page's filter under a name (a name used already for the page is replaced: saving again updates it).
     * The query loses its paging and language (a saved search starts at its first page, in the language of the day).
     */
    public Saved save(String owner, String name, String path, String query) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > NAME_MAX || n.chars().anyMatch(Character::isISOControl)) {
            throw new Refused("saved.name.invalid");
        }
        if (path == null || !PATH.matcher(path).matches()) {
            throw new Refused("saved.page.invalid");
        }
        String q = cleaned(query);
        if (q.length() > QUERY_MAX || q.chars().anyMatch(Character::isISOControl)) {
            throw new Refused("saved.query.invalid");
        }
        if (PERSONAL.matcher(java.net.URLDecoder.decode(q, java.nio.charset.StandardCharsets.UTF_8)).find()) {
            throw new Refused("saved.query.personal");
        }
        collection().deleteMany(Filters.and(Filters.eq("owner", owner), Filters.eq("path", path), Filters.eq("name", n)));
        List<Saved> existing = of(owner, path);
        for (int i = 0; i <= existing.size() - PER_PAGE; i++) {
            collection().deleteOne(Filters.and(Filters.eq("_id", existing.get(i).id()), Filters.eq("owner", owner)));
        }
        String id = UUID.randomUUID().toString();
        collection().insertOne(new Document("_id", id).append("owner", owner).append("name", n).append("path", path)
                .append("query", q).append("createdAt", Date.from(clock.instant())));
        return new Saved(id, n, path, q);
    }

    /** Deletes one of the person's own; another's id, or an unknown one, deletes nothing. */
    public boolean delete(String owner, String id) {
        return id != null && collection().deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("owner", owner)))
                .getDeletedCount() == 1;
    }

    /** The query without its paging, language and CSRF token, its parameters in their order. */
    static String cleaned(String query) {
        if (query == null || query.isBlank()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (pair.isEmpty() || key.equals("page") || key.equals("lang") || key.equals("_csrf") || pair.endsWith("=")) {
                continue;
            }
            kept.add(pair);
        }
        return String.join("&", kept);
    }
}
