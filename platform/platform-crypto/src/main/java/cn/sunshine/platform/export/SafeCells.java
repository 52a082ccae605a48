package cn.sunshine.platform.export;

import java.util.List;

/**
 * Text cells for CSV and XLSX exports that a spreadsheet cannot run as a formula (OWASP "CSV
 * injection"): a cell beginning with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
 * return gets a leading single quote, and in CSV every such cell is also quoted. Every exporter writes
 * its text cells through this class; numbers an exporter writes itself (counts, fen) are digits and
 * pass unchanged, a negative number included only when the exporter writes it as a number cell.
 */
public final class SafeCells {

    private SafeCells() {
    }

    /** True when a spreadsheet could read the text as a formula or a command. */
    public static boolean dangerous(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'
                // full-width forms a spreadsheet may normalise to the ASCII ones
                || c == '＝' || c == '＋' || c == '－' || c == '＠';
    }

    /** The text made inert: a single quote before a dangerous first character; null becomes empty. */
    public static String neutralise(String text) {
        if (text == null) {
            return "";
        }
        return dangerous(text) ? "'" + text : text;
    }

    /** One CSV field (RFC 4180): neutralised, then quoted when it holds a separator, a quote, a line break or was dangerous. */
    public static String csvField(String text) {
        String v = neutralise(text);
        boolean quote = dangerous(text) || v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
                || v.indexOf('\r') >= 0 || v.indexOf('\t') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    /** One CSV line of text cells (without the line end). */
    public static String csvLine(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(csvField(cells.get(i)));
        }
        return sb.toString();
    }
}
