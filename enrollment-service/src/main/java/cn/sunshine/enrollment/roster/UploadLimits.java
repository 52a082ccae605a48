package cn.sunshine.enrollment.roster;

import cn.sunshine.platform.domain.DomainException;

import java.util.List;

/**
 * The limits a roster upload is held to while it is read, so that no file can make the service
 * build more than a few megabytes (docs/enrollment.md, "Upload limits"). A file over one is refused
 * at once with 413 {@code upload-too-large} naming the limit (in {@code errors[0].field}); the rows
 * read so far are dropped.
 */
public final class UploadLimits {

    /** The request body: a roster of 1,000 rows is about 200 KB as CSV and less as XLSX. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    /** Lines (CSV) or rows (XLSX) of the file, blank ones included: 1,000 trainees, two headers and some slack. */
    public static final int MAX_LINES = RosterImport.MAX_ROWS + 100;
    /** Columns of a row: the roster has 11, the ledger as exported 27. */
    public static final int MAX_COLUMNS = 64;
    /** Characters of one cell. */
    public static final int MAX_CELL_CHARS = 1_000;
    /** Entries of an XLSX file (Excel writes about a dozen). */
    public static final int MAX_ZIP_ENTRIES = 100;
    /** Uncompressed bytes of one XLSX entry (a sheet of 1,100 rows × 25 cells is about 2 MB). */
    public static final long MAX_ENTRY_BYTES = 8L * 1024 * 1024;
    /** Uncompressed bytes of all XLSX entries read. */
    public static final long MAX_TOTAL_BYTES = 16L * 1024 * 1024;
    /** Characters of all the shared strings of an XLSX (they are kept while the sheet is read). */
    public static final long MAX_SHARED_CHARS = 2_000_000;
    /** Uncompressed over compressed bytes of an XLSX file: a zip bomb inflates far beyond this. */
    public static final int MAX_COMPRESSION_RATIO = 100;

    private UploadLimits() {
    }

    /**
     * 413 naming the {@code limit} crossed; {@code what} (English) has the Chinese entry
     * {@code enrollment.upload.<limit>} with {@code args}.
     */
    public static DomainException exceeded(String limit, String what, Object... args) {
        cn.sunshine.platform.domain.Phrase message = cn.sunshine.platform.domain.Phrase.coded("enrollment.upload." + limit, what, args);
        return new DomainException(413, "upload-too-large", "The file exceeds an upload limit",
                "the file was refused while being read: " + what + " (limit " + limit + ")",
                List.of(new DomainException.FieldError(limit, message))).coded("enrollment.upload-too-large", message, limit);
    }

    /**
     * The body, refused with 413 {@code upload-too-large} (limit {@code maxBytes}) as soon as it is
     * known to be longer than {@link UploadLimits#MAX_BYTES}: by its Content-Length before reading, or
     * at the first byte over while reading a chunked body.
     */
    public static byte[] body(jakarta.servlet.http.HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > UploadLimits.MAX_BYTES) {
            throw UploadLimits.exceeded("maxBytes", "the file has more than " + UploadLimits.MAX_BYTES + " bytes", UploadLimits.MAX_BYTES);
        }
        try (java.io.InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(UploadLimits.MAX_BYTES + 1);
            if (body.length > UploadLimits.MAX_BYTES) {
                throw UploadLimits.exceeded("maxBytes", "the file has more than " + UploadLimits.MAX_BYTES + " bytes", UploadLimits.MAX_BYTES);
            }
            return body;
        } catch (java.io.IOException e) {
            throw new DomainException(400, "malformed-request", "The request body could not be read",
                    "the upload was interrupted");
        }
    }
}
