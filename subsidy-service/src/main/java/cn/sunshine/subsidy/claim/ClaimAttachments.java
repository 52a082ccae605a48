package cn.sunshine.subsidy.claim;

import cn.sunshine.platform.attachment.Attachment;
import cn.sunshine.platform.attachment.Attachments;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.subsidy.voucher.Voucher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A claim's documents (docs/subsidy.md "Claim documents"), kept in the platform's attachment store. The base uploads
 * them for a class before it claims (owner {@code claim-draft}, its base and class), names them in the claim, and
 * the submission moves them to the claim (owner {@code claim}); it may add more while the claim waits for 核准. The
 * county's officials (officers, leaders, finance, auditors) read them; every download is recorded.
 */
@Service
@org.springframework.boot.context.properties.EnableConfigurationProperties(ClaimAttachmentRules.class)
public class ClaimAttachments {

    static final String DRAFT = "claim-draft";
    static final String CLAIM = "claim";

    private final Attachments attachments;
    private final ClaimAttachmentRules rules;
    private final MongoTemplate mongo;

    public ClaimAttachments(Attachments attachments, ClaimAttachmentRules rules, MongoTemplate mongo) {
        this.attachments = attachments;
        this.rules = rules;
        this.mongo = mongo;
    }

    public ClaimAttachmentRules rules() {
        return rules;
    }

    /** The base's staff upload a document for the claim they are preparing for a class of theirs. */
    public Attachment uploadForClass(String classId, String kind, String fileName, InputStream content) {
        CurrentUser user = Jurisdiction.currentUser();
        Voucher v = mongo.findOne(Query.query(Criteria.where("classId").is(classId)), Voucher.class);
        if (v == null || !Jurisdiction.isStaffOf(user, v.getBaseId())) {
            throw DomainException.notFound("class " + classId);
        }
        return attachments.store(draftOwner(v.getBaseId(), classId, v.getDivisionCode()), allowedKind(kind), fileName,
                content, user);
    }

    /** What the base uploaded for a class and has not yet claimed with. */
    public List<Attachment> ofClass(String classId) {
        CurrentUser user = Jurisdiction.currentUser();
        if (user.baseId() == null) {
            throw DomainException.notFound("class " + classId);
        }
        return attachments.of(DRAFT, draftId(user.baseId(), classId));
    }

    /** The base's staff add a document to their claim while it waits for 核准. */
    public Attachment uploadForClaim(Claim c, String kind, String fileName, InputStream content) {
        CurrentUser user = Jurisdiction.ownBaseStaff(c.getBaseId(), "claim " + c.getId());
        if (c.getStatus() != ClaimStatus.SUBMITTED) {
            throw DomainException.conflict("claim-documents-closed", "The claim's documents are closed",
                    "claim " + c.getId() + " is " + c.getStatus() + ": documents are added only before it is verified");
        }
        return attachments.store(claimOwner(c.getId(), c.getDivisionCode()), allowedKind(kind), fileName, content, user);
    }

    public List<Attachment> ofClaim(Claim c) {
        return attachments.of(CLAIM, c.getId());
    }

    /** Opens a claim's document for download (the caller may read the claim: checked by the caller), recorded. */
    public Attachments.Download open(Claim c, String attachmentId, String purpose) {
        return attachments.open(CLAIM, c.getId(), attachmentId, Jurisdiction.currentUser(), purpose);
    }

    /**
     * The documents named in a submission: each the base's for this class (or already this claim's: a retry), and
     * together every kind the part requires — else 422 {@code attachments-missing} naming the kinds.
     */
    void check(String baseId, String classId, String claimId, ClaimPart part, List<String> ids) {
        List<DomainException.FieldError> errors = new ArrayList<>();
        Set<String> kinds = new LinkedHashSet<>();
        int i = 0;
        for (String id : ids) {
            String f = "attachmentIds[" + i++ + "]";
            Attachment a = attachments.find(id);
            boolean ours = a != null && ((DRAFT.equals(a.ownerType()) && draftId(baseId, classId).equals(a.ownerId()))
                    || (CLAIM.equals(a.ownerType()) && claimId.equals(a.ownerId())));
            if (!ours) {
                errors.add(DomainException.FieldError.coded(f, "claim.attachment-unknown", "no document " + id
                        + " uploaded for class " + classId + " and not yet in a claim", id, classId));
                continue;
            }
            kinds.add(a.kind());
        }
        if (!errors.isEmpty()) {
            throw new DomainException(422, "claim-attachments-invalid", "Some documents cannot be attached",
                    String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()), errors);
        }
        List<String> missing = rules.requiredFor(part).stream().filter(k -> !kinds.contains(k)).toList();
        if (!missing.isEmpty()) {
            throw new DomainException(422, "attachments-missing", "Required documents are missing",
                    "a " + part + " claim needs documents of the kinds " + missing + "; upload them and name them in "
                            + "attachmentIds", missing.stream().map(k -> DomainException.FieldError.coded(
                    "attachments[" + k + "]", "claim.attachment-required", "a document of kind " + k + " is required", k))
                    .toList()).coded("claim.attachments-missing", String.join("、", missing));
        }
    }

    /** Moves the named documents to the claim (before it is written); {@link #release} undoes it. */
    void moveToClaim(String baseId, String classId, String claimId, String divisionCode, List<String> ids) {
        attachments.reassign(ids, draftOwner(baseId, classId, divisionCode), claimOwner(claimId, divisionCode));
    }

    /** The documents of a claim that was not written after all go back to the class's drafts. */
    void release(String baseId, String classId, String claimId, String divisionCode, List<String> ids) {
        attachments.reassign(ids, claimOwner(claimId, divisionCode), draftOwner(baseId, classId, divisionCode));
    }

    private String allowedKind(String kind) {
        if (kind == null || !rules.kinds().contains(kind)) {
            throw DomainException.invalidField("kind", Phrase.coded("claim.attachment-kind",
                    "one of " + rules.kinds(), rules.kinds()));
        }
        return kind;
    }

    private static Attachment.Owner draftOwner(String baseId, String classId, String divisionCode) {
        return new Attachment.Owner(DRAFT, draftId(baseId, classId), divisionCode);
    }

    private static Attachment.Owner claimOwner(String claimId, String divisionCode) {
        return new Attachment.Owner(CLAIM, claimId, divisionCode);
    }

    private static String draftId(String baseId, String classId) {
        return baseId + "/" + classId;
    }
}
