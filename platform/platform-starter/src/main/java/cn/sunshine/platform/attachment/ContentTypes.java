package cn.sunshine.platform.attachment;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The type of a file from its first bytes (magic numbers), never from the name or the client's Content-Type: PDF,
 * JPEG, PNG, and the Office Open XML workbook and document (zip archives whose entries name {@code xl/} or
 * {@code word/}). Anything else is unknown ({@code null}).
 */
public final class ContentTypes {

    public static final String PDF = "application/pdf";
    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final List<String> ALL = List.of(PDF, JPEG, PNG, XLSX, DOCX);

    /** How many first bytes {@link #detect} looks at (an Office file names its parts within them). */
    public static final int HEAD = 64 * 1024;

    private ContentTypes() {
    }

    /** The detected type of a file starting with {@code head[0..n)}, or null. */
    public static String detect(byte[] head, int n) {
        if (starts(head, n, '%', 'P', 'D', 'F', '-')) {
            return PDF;
        }
        if (starts(head, n, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (starts(head, n, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (starts(head, n, 'P', 'K', 3, 4)) {
            // The local file headers carry the entry names uncompressed: [Content_Types].xml, then xl/… or word/….
            String names = new String(head, 0, n, StandardCharsets.ISO_8859_1);
            if (names.contains("[Content_Types].xml")) {
                if (names.contains("xl/")) {
                    return XLSX;
                }
                if (names.contains("word/")) {
                    return DOCX;
                }
            }
        }
        return null;
    }

    /** The file name's usual extension for a type (a download's name keeps what the uploader called it). */
    public static String extension(String type) {
        return switch (type == null ? "" : type) {
            case PDF -> "pdf";
            case JPEG -> "jpg";
            case PNG -> "png";
            case XLSX -> "xlsx";
            case DOCX -> "docx";
            default -> "bin";
        };
    }

    private static boolean starts(byte[] head, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != (magic[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }
}
