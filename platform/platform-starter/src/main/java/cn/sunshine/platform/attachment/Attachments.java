package cn.sunshine.platform.attachment;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.web.PageResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The attachment store of a service (docs/api.md "Attachments"): documents kept in GridFS in the service's own
 * database (bucket {@code sunshine.attachments.bucket}), each with its owner, kind, file name, the type detected from
 * its bytes, its size and SHA-256, who uploaded it and when.
 * <ul>
 *   <li>{@link #store}: refuses an unknown or disallowed type (415 {@value #TYPE_REFUSED}) from the first bytes,
 *   streams the rest into GridFS while counting and hashing (nothing is held whole in memory), refuses a file over
 *   {@code sunshine.attachments.max-bytes} (413 {@value #TOO_LARGE}: what was written is removed), then has the
 *   {@link AttachmentScanner} read it back (422 {@value #INFECTED}: removed). Only then is it {@code STORED} and
 *   visible. The same file (same SHA-256) of the same kind for the same owner answers the one stored before.</li>
 *   <li>{@link #open}: records the download ({@link AttachmentDownload}, append-only) before the bytes are
 *   streamed.</li>
 * </ul>
 * Who may upload or read is the owner's service's rule: it checks its scope, then calls this.
 */
public class Attachments {

    public static final String TOO_LARGE = "attachment-too-large";
    public static final String TYPE_REFUSED = "attachment-type-refused";
    public static final String INFECTED = "attachment-infected";
    public static final String HASH_MISMATCH = "attachment-hash-mismatch";
    /** A kind: upper-case letters, digits and underscores (e.g. {@code FEE_RECEIPT}). */
    public static final Pattern KIND = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");

    private static final Logger log = LoggerFactory.getLogger(Attachments.class);
    private static final String STORED = "STORED";

    private final GridFsTemplate gridFs;
    private final MongoTemplate mongo;
    private final AttachmentScanner scanner;
    private final AttachmentProperties properties;
    private final Clock clock;

    public Attachments(GridFsTemplate gridFs, MongoTemplate mongo, AttachmentScanner scanner,
                       AttachmentProperties properties, Clock clock) {
        this.gridFs = gridFs;
        this.mongo = mongo;
        this.scanner = scanner;
        this.properties = properties;
        this.clock = clock;
    }

    public long maxBytes() {
        return properties.maxBytes().toBytes();
    }

    public List<String> allowedTypes() {
        return properties.allowedTypes();
    }

    /**
     * Stores a document of {@code owner} read from {@code content} (not closed here). The type comes from the bytes;
     * {@code fileName} is kept as the uploader named it (path and control characters removed).
     */
    public Attachment store(Attachment.Owner owner, String kind, String fileName, InputStream content, CurrentUser by) {
        return store(owner, kind, fileName, content, by, null);
    }

    /**
     * Stores a document that was declared before by its SHA-256 (an application lists its documents with their
     * hashes): a file whose hash is none of {@code expectedSha256} is removed and refused with 422
     * {@value #HASH_MISMATCH}. Null expects nothing.
     */
    public Attachment store(Attachment.Owner owner, String kind, String fileName, InputStream content, CurrentUser by,
                            java.util.Collection<String> expectedSha256) {
        indexOwners();
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw DomainException.invalidField("kind", Phrase.coded("problem.attachment-kind",
                    "an attachment kind such as FEE_RECEIPT"));
        }
        String name = cleanName(fileName);
        byte[] head;
        try {
            head = content.readNBytes(ContentTypes.HEAD);
        } catch (IOException e) {
            throw unreadable(e);
        }
        if (head.length == 0) {
            throw DomainException.invalidField("file", Phrase.coded("problem.attachment-empty",
                    "the file is empty"));
        }
        String type = ContentTypes.detect(head, head.length);
        if (type == null || !properties.allowedTypes().contains(type)) {
            throw new DomainException(415, TYPE_REFUSED, "Attachment type refused",
                    "the file is not one of the types allowed (" + String.join(", ", properties.allowedTypes())
                            + "), judged by its content").coded("problem.attachment-type-refused",
                    String.join(", ", properties.allowedTypes().stream().map(ContentTypes::extension).toList()));
        }
        MessageDigest sha = sha256();
        Limited limited = new Limited(new DigestInputStream(new SequenceInputStream(new ByteArrayInputStream(head), content), sha),
                maxBytes());
        Document meta = new Document("ownerType", owner.type()).append("ownerId", owner.id())
                .append("divisionCode", owner.divisionCode()).append("kind", kind).append("fileName", name)
                .append("contentType", type).append("uploadedBy", by.subject()).append("uploadedByName", by.name())
                .append("uploadedAt", java.util.Date.from(clock.instant())).append("state", "SCANNING");
        ObjectId id;
        try {
            id = gridFs.store(limited, name, type, meta);
        } catch (RuntimeException e) {
            if (limited.over) {
                throw tooLarge();
            }
            throw e;
        }
        if (limited.over) { // a store that swallowed the failure: never keep a cut file
            remove(id);
            throw tooLarge();
        }
        String hash = HexFormat.of().formatHex(sha.digest());
        String finding;
        try (InputStream stored = gridFs.getResource(gridFs.findOne(byId(id))).getInputStream()) {
            finding = scanner.scan(stored);
        } catch (IOException | RuntimeException e) {
            remove(id);
            throw new IllegalStateException("the attachment could not be scanned", e);
        }
        if (finding != null) {
            remove(id);
            log.warn("attachment refused by the scanner: {} (owner {} {}, uploaded by {})", finding, owner.type(),
                    owner.id(), by.subject());
            throw new DomainException(422, INFECTED, "Attachment refused by the virus scan",
                    "the scan found " + finding + " in the file; it was not stored").coded("problem.attachment-infected",
                    finding);
        }
        if (expectedSha256 != null && !expectedSha256.contains(hash)) {
            remove(id);
            throw new DomainException(422, HASH_MISMATCH, "Not the document declared",
                    "the file's SHA-256 is " + hash + ", not the one declared for a " + kind + " document")
                    .coded("problem.attachment-hash-mismatch", kind);
        }
        Attachment same = find(Criteria.where("metadata.ownerType").is(owner.type()).and("metadata.ownerId").is(owner.id())
                .and("metadata.kind").is(kind).and("metadata.sha256").is(hash));
        if (same != null) {
            remove(id); // the same file again (a retried upload): the one stored first
            return same;
        }
        files().updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("metadata.sha256", hash),
                Updates.set("metadata.sizeBytes", limited.count), Updates.set("metadata.state", STORED)));
        return find(Criteria.where("_id").is(id));
    }

    /** A stored attachment, or null (also for an id that is no attachment id at all). */
    public Attachment find(String id) {
        if (id == null || !ObjectId.isValid(id)) {
            return null;
        }
        return find(Criteria.where("_id").is(new ObjectId(id)));
    }

    /** The owner's stored attachments, oldest first. */
    public List<Attachment> of(String ownerType, String ownerId) {
        indexOwners();
        List<Attachment> found = new ArrayList<>();
        Query q = Query.query(Criteria.where("metadata.ownerType").is(ownerType).and("metadata.ownerId").is(ownerId)
                .and("metadata.state").is(STORED)).with(Sort.by("uploadDate", "_id"));
        for (GridFSFile f : gridFs.find(q)) {
            found.add(view(f));
        }
        return found;
    }

    /**
     * Moves attachments from one owner to another (a document uploaded before the record it belongs to existed: a
     * claim's files before the claim is submitted). Only those still of {@code from} (or already of {@code to}: a
     * retry) move; answers how many are now {@code to}'s.
     */
    public long reassign(List<String> ids, Attachment.Owner from, Attachment.Owner to) {
        List<ObjectId> oids = ids.stream().filter(ObjectId::isValid).map(ObjectId::new).toList();
        files().updateMany(Filters.and(Filters.in("_id", oids), Filters.eq("metadata.ownerType", from.type()),
                Filters.eq("metadata.ownerId", from.id())), Updates.combine(Updates.set("metadata.ownerType", to.type()),
                Updates.set("metadata.ownerId", to.id()), Updates.set("metadata.divisionCode", to.divisionCode())));
        return files().countDocuments(Filters.and(Filters.in("_id", oids), Filters.eq("metadata.ownerType", to.type()),
                Filters.eq("metadata.ownerId", to.id())));
    }

    /** A download about to be streamed: the attachment and its content. */
    public record Download(Attachment attachment, InputStream content) {
    }

    /**
     * Opens the attachment's content for {@code reader} after recording the download (who, when, which, why): the
     * record is written first, so no byte leaves unrecorded. The caller checked that the reader may see it.
     */
    public Download open(Attachment a, CurrentUser reader, String purpose) {
        GridFSFile file = gridFs.findOne(byId(new ObjectId(a.id())));
        if (file == null) {
            throw DomainException.notFound("attachment " + a.id());
        }
        String why = purpose == null || purpose.isBlank() ? null : purpose.strip();
        if (why != null && why.length() > 200) {
            throw DomainException.invalidField("purpose", Phrase.coded("problem.attachment-purpose",
                    "at most 200 characters"));
        }
        mongo.insert(new AttachmentDownload(Ids.newId(), a.id(), a.ownerType(), a.ownerId(), a.divisionCode(), a.kind(),
                a.fileName(), a.sha256(), reader.subject(), reader.name(), why, clock.instant()));
        try {
            return new Download(a, gridFs.getResource(file).getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException("attachment " + a.id() + " could not be read", e);
        }
    }

    /**
     * Opens one of the owner's attachments for {@code reader} (who was checked to read the owner), recorded: 404 when
     * there is no such attachment or it is another record's.
     */
    public Download open(String ownerType, String ownerId, String attachmentId, CurrentUser reader, String purpose) {
        Attachment a = find(attachmentId);
        if (a == null || !ownerType.equals(a.ownerType()) || !ownerId.equals(a.ownerId())) {
            throw DomainException.notFound("attachment " + attachmentId + " of " + ownerType + " " + ownerId);
        }
        return open(a, reader, purpose);
    }

    /** The downloads recorded in the caller's jurisdiction, newest first (auditors). */
    public PageResult<AttachmentDownload> downloads(String attachmentId, String ownerId, String readBy, Integer page,
                                                    Integer size) {
        Criteria c = Jurisdiction.scope("divisionCode");
        if (attachmentId != null && !attachmentId.isBlank()) {
            c = c.and("attachmentId").is(attachmentId);
        }
        if (ownerId != null && !ownerId.isBlank()) {
            c = c.and("ownerId").is(ownerId);
        }
        if (readBy != null && !readBy.isBlank()) {
            c = c.and("readBy").is(readBy);
        }
        return PageResult.find(mongo, Query.query(c), AttachmentDownload.class, page, size, Sort.by(Sort.Direction.DESC, "at"));
    }

    /** The problem for a file over the limit (also a multipart request over Spring's limit). */
    public static DomainException tooLarge(long maxBytes) {
        return new DomainException(413, TOO_LARGE, "Attachment too large",
                "an attachment may have at most " + maxBytes + " bytes (" + (maxBytes / (1024 * 1024)) + " MB)")
                .coded("problem.attachment-too-large", maxBytes / (1024 * 1024));
    }

    private DomainException tooLarge() {
        return tooLarge(maxBytes());
    }

    private Attachment find(Criteria c) {
        GridFSFile f = gridFs.findOne(Query.query(c.and("metadata.state").is(STORED)));
        return f == null ? null : view(f);
    }

    private void remove(ObjectId id) {
        gridFs.delete(byId(id));
    }

    private volatile boolean ownersIndexed;

    /**
     * The files' index by owner (a claim's or an application's documents are looked up by it: without it each upload
     * and each list read every file of the service), made once, at the first use (a failure is logged and tried again).
     */
    private void indexOwners() {
        if (ownersIndexed) {
            return;
        }
        try {
            files().createIndex(com.mongodb.client.model.Indexes.ascending("metadata.ownerId"),
                    new com.mongodb.client.model.IndexOptions().name("metadata.ownerId"));
            ownersIndexed = true;
        } catch (RuntimeException e) {
            log.warn("could not create the owner index of the attachments: {}", e.toString());
        }
    }

    private MongoCollection<Document> files() {
        return mongo.getCollection(properties.bucket() + ".files");
    }

    private static Query byId(ObjectId id) {
        return Query.query(Criteria.where("_id").is(id));
    }

    private static Attachment view(GridFSFile f) {
        Document m = f.getMetadata() == null ? new Document() : f.getMetadata();
        Number size = m.get("sizeBytes", Number.class);
        java.util.Date at = m.getDate("uploadedAt");
        return new Attachment(f.getObjectId().toHexString(), m.getString("ownerType"), m.getString("ownerId"),
                m.getString("divisionCode"), m.getString("kind"), m.getString("fileName"), m.getString("contentType"),
                size == null ? f.getLength() : size.longValue(), m.getString("sha256"), m.getString("uploadedBy"),
                m.getString("uploadedByName"), at == null ? null : at.toInstant());
    }

    static String cleanName(String fileName) {
        String n = fileName == null ? "" : fileName;
        n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
        n = n.replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (n.isEmpty()) {
            n = "attachment";
        }
        return n.length() > 200 ? n.substring(n.length() - 200) : n;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DomainException unreadable(IOException e) {
        return new DomainException(400, "malformed-request", "Malformed request",
                "the file could not be read: " + e.getMessage()).coded("problem.attachment-unreadable");
    }

    /** Counts what passes and stops at the limit (one byte over is enough to know). */
    private static final class Limited extends FilterInputStream {
        private final long max;
        long count;
        boolean over;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        private int seen(int n) throws IOException {
            if (n > 0) {
                count += n;
                if (count > max) {
                    over = true;
                    throw new IOException("the attachment is larger than " + max + " bytes");
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                seen(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return seen(super.read(b, off, len));
        }
    }
}
