package cn.sunshine.accreditation.application;

import cn.sunshine.accreditation.support.RecordFiles;
import cn.sunshine.platform.attachment.Attachment;
import cn.sunshine.platform.attachment.Attachments;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import org.springframework.stereotype.Service;

import java.io.InputStream;
import java.util.List;

/**
 * The files of an application's declared documents (docs/accreditation.md "Application documents"): the application
 * lists each document with its type and SHA-256 as before; the applicant uploads the file itself, which must be the one
 * declared (same type, same SHA-256: 422 {@code attachment-hash-mismatch} otherwise). Whoever reads the application
 * (the officers, the applicant, the panel) reads the files; every download is recorded.
 */
@Service
public class ApplicationAttachments extends RecordFiles<Application> {

    static final String OWNER = "application";

    private final Applications applications;

    public ApplicationAttachments(Attachments attachments, Applications applications) {
        super(attachments, OWNER);
        this.applications = applications;
    }

    public Attachment upload(String applicationId, String type, String fileName, InputStream content) {
        Application a = applications.find(applicationId);
        CurrentUser user = Jurisdiction.currentUser();
        if (!user.has(cn.sunshine.platform.security.Role.BASE_STAFF) || !a.isApplicant(user.subject(), user.baseId())) {
            throw DomainException.notFound("application " + applicationId);
        }
        List<String> declared = a.getDocuments().stream().filter(d -> d.type().equals(type)).map(AttachedDocument::sha256).toList();
        if (declared.isEmpty()) {
            throw DomainException.invalidField("kind", Phrase.coded("application.document-kind",
                    "one of the document types the application declared: "
                    + a.getDocuments().stream().map(AttachedDocument::type).distinct().toList(),
                    a.getDocuments().stream().map(AttachedDocument::type).distinct().toList()));
        }
        return attachments.store(ownerOf(a, a.getTenderDivision()), type, fileName, content, user, declared);
    }

    @Override
    protected Application readable(String applicationId) {
        return applications.readable(applicationId).application();
    }
}
