package cn.sunshine.platform.attachment;

import java.io.IOException;
import java.io.InputStream;

/**
 * The scanning hook: every attachment is scanned once stored and before anyone can see it; a finding deletes it and
 * the upload is refused with 422 {@code attachment-infected}. A service (or a province's deployment) declares its own
 * bean to call a real scanner (e.g. a clamd {@code INSTREAM}); the default, {@link EicarScanner}, knows only the
 * EICAR test string, so the refusal can be tested end to end.
 */
public interface AttachmentScanner {

    /**
     * Reads the content (a stream from the store; the scanner need not close it) and answers null when it is clean,
     * else the name of what it found. An exception refuses the upload as a failure of ours (the file is deleted).
     */
    String scan(InputStream content) throws IOException;
}
