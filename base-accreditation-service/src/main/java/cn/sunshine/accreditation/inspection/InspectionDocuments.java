package cn.sunshine.accreditation.inspection;

import cn.sunshine.accreditation.support.RecordFiles;
import cn.sunshine.platform.attachment.Attachment;
import cn.sunshine.platform.attachment.Attachments;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import org.springframework.stereotype.Service;

import java.io.InputStream;
import java.util.Set;

/**
 * An inspection visit's documents (检查验收的佐证材料): the county's officers attach what the visit produced — photos of
 * the classroom and the roll, the signed checklist, copies of the files found wanting — in the platform's attachment
 * store (type from the bytes, size limit, scanning); whoever may read the visit (the division's officers, the base's
 * own staff) lists and downloads them, every download recorded for the auditors.
 */
@Service
public class InspectionDocuments extends RecordFiles<InspectionVisit> {

    static final String OWNER = "inspection-visit";
    static final Set<String> KINDS = Set.of("PHOTO", "SIGNED_CHECKLIST", "FILE_COPY", "OTHER");

    private final Inspections inspections;

    public InspectionDocuments(Attachments attachments, Inspections inspections) {
        super(attachments, OWNER);
        this.inspections = inspections;
    }

    public Attachment upload(String visitId, String kind, String fileName, InputStream content) {
        InspectionVisit v = inspections.visit(visitId);
        CurrentUser user = Jurisdiction.officerOver(v.getDivisionCode(), "inspection visit " + visitId);
        requireKind(kind, KINDS, "inspection.document-kind");
        return attachments.store(ownerOf(v, v.getDivisionCode()), kind, fileName, content, user);
    }

    @Override
    protected InspectionVisit readable(String visitId) {
        return inspections.visit(visitId);
    }
}
