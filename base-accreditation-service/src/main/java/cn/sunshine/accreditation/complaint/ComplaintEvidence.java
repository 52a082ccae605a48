package cn.sunshine.accreditation.complaint;

import cn.sunshine.accreditation.support.RecordFiles;
import cn.sunshine.platform.attachment.Attachment;
import cn.sunshine.platform.attachment.Attachments;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import org.springframework.stereotype.Service;

import java.io.InputStream;
import java.util.Set;

/**
 * A complaint's evidence (docs/accreditation.md "Complaint evidence"): the county's officers attach what the caller
 * sent or what the investigation found (photos, receipts, statements) while the complaint is open; the officials of
 * the division read it, every download recorded.
 */
@Service
public class ComplaintEvidence extends RecordFiles<Complaint> {

    static final String OWNER = "complaint";
    static final Set<String> KINDS = Set.of("EVIDENCE", "FEE_RECEIPT", "STATEMENT", "OTHER");

    private final Complaints complaints;

    public ComplaintEvidence(Attachments attachments, Complaints complaints) {
        super(attachments, OWNER);
        this.complaints = complaints;
    }

    public Attachment upload(String complaintId, String kind, String fileName, InputStream content) {
        Complaint c = complaints.get(complaintId);
        CurrentUser user = Jurisdiction.officerOver(c.getDivisionCode(), "complaint " + complaintId);
        requireKind(kind, KINDS, "complaint.evidence-kind");
        if (c.getStatus() == Complaint.Status.CLOSED) {
            throw DomainException.conflict("complaint-closed", "The complaint is closed",
                    "complaint " + complaintId + " is closed: no more evidence is attached");
        }
        return attachments.store(ownerOf(c, c.getDivisionCode()), kind, fileName, content, user);
    }

    @Override
    protected Complaint readable(String complaintId) {
        return complaints.get(complaintId);
    }
}
