package cn.sunshine.accreditation.support;

import cn.sunshine.platform.attachment.Attachment;
import cn.sunshine.platform.attachment.Attachments;
import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.security.Jurisdiction;

import java.util.List;
import java.util.Set;

/**
 * The files of one kind of record in the platform's attachment store (a complaint's evidence, an inspection visit's
 * documents, an application's declared documents): whoever may read the record lists its files and downloads them,
 * every download recorded; each subclass says who may read a record and what may be attached to it.
 *
 * @param <R> the record the files belong to
 */
public abstract class RecordFiles<R extends AggregateRoot> {

    protected final Attachments attachments;
    private final String owner;

    protected RecordFiles(Attachments attachments, String owner) {
        this.attachments = attachments;
        this.owner = owner;
    }

    /** The record of this id, if the caller may read it (404 or 403 otherwise). */
    protected abstract R readable(String id);

    public List<Attachment> of(String id) {
        return attachments.of(owner, readable(id).getId());
    }

    public Attachments.Download open(String id, String attachmentId, String purpose) {
        return attachments.open(owner, readable(id).getId(), attachmentId, Jurisdiction.currentUser(), purpose);
    }

    /** The owner a file of this record is stored under, in the division that reads it. */
    protected Attachment.Owner ownerOf(R record, String divisionCode) {
        return new Attachment.Owner(owner, record.getId(), divisionCode);
    }

    /** 400 on the field {@code kind} unless it is one of {@code kinds} (the phrase {@code code} names them). */
    protected static void requireKind(String kind, Set<String> kinds, String code) {
        if (!kinds.contains(kind)) {
            throw DomainException.invalidField("kind", Phrase.coded(code,
                    "one of " + kinds.stream().sorted().toList(),
                    kinds.stream().sorted().toList()));
        }
    }
}
