package cn.sunshine.enrollment.roster;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static cn.sunshine.enrollment.roster.UploadLimits.*;

/**
 * Reads a roster as rows of text while checking {@link UploadLimits}: CSV character by character, XLSX
 * as a zip read entry by entry (entry count, entry and total size, compression ratio) with the
 * sheet's XML streamed (StAX, no DTD, no external entities) — nothing is built before it is known to
 * be within the limits. A cell at column XFD, a row 1,048,576 or a file of newlines stops the read
 * at the first cell or line over the limit.
 */
public final class RosterReader {

    private RosterReader() {
    }

    /**
     * The rows of an uploaded file: CSV ({@code text/csv}) or XLSX by its content type, read with the limits; 400
     * for an empty or unreadable file, 415 for another type. {@code what} names the file in problems ("roster").
     */
    public static List<List<String>> table(String contentType, byte[] body, String what) {
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (body == null || body.length == 0) {
            throw DomainException.invalidField("file", Phrase.coded("enrollment.upload-empty",
                    "the request body is the " + what + " file; it is empty", what));
        }
        try {
            if (type.startsWith(cn.sunshine.enrollment.ledger.Sheets.XLSX)) {
                return readXlsx(body);
            }
            if (type.startsWith(cn.sunshine.enrollment.ledger.Sheets.CSV)) {
                return readCsv(new java.io.ByteArrayInputStream(body));
            }
        } catch (IllegalArgumentException e) {
            throw DomainException.invalidField("file", e.getMessage());
        }
        throw new DomainException(415, "unsupported-media-type", "Unsupported file type",
                "send the " + what + " as text/csv or as " + cn.sunshine.enrollment.ledger.Sheets.XLSX);
    }

    // ------------------------------------------------------------------------------------------ CSV

    /** Parses CSV (UTF-8; a byte-order mark is skipped). IllegalArgumentException on an unclosed quote. */
    public static List<List<String>> readCsv(InputStream in) {
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean first = true;
            int ch;
            int pending = -1;
            while ((ch = pending >= 0 ? pending : r.read()) != -1) {
                pending = -1;
                if (first) {
                    first = false;
                    if (ch == '\uFEFF') {
                        continue;
                    }
                }
                if (quoted) {
                    if (ch == '"') {
                        int next = r.read();
                        if (next == '"') {
                            append(cell, '"');
                        } else {
                            quoted = false;
                            pending = next;
                        }
                    } else {
                        append(cell, (char) ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    addCell(row, cell);
                } else if (ch == '\n' || ch == '\r') {
                    if (ch == '\r') {
                        int next = r.read();
                        if (next != '\n') {
                            pending = next;
                        }
                    }
                    addCell(row, cell);
                    addRow(rows, row);
                    row = new ArrayList<>();
                } else {
                    append(cell, (char) ch);
                }
            }
            if (quoted) {
                throw new IllegalArgumentException("the CSV file has an unclosed quote");
            }
            if (!cell.isEmpty() || !row.isEmpty()) {
                addCell(row, cell);
                addRow(rows, row);
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalArgumentException("the CSV file cannot be read");
        }
    }

    private static void append(StringBuilder cell, char ch) {
        if (cell.length() >= MAX_CELL_CHARS) {
            throw exceeded("maxCellChars", "a cell has more than " + MAX_CELL_CHARS + " characters", MAX_CELL_CHARS);
        }
        cell.append(ch);
    }

    private static void addCell(List<String> row, StringBuilder cell) {
        if (row.size() >= MAX_COLUMNS) {
            throw exceeded("maxColumns", "a row has more than " + MAX_COLUMNS + " columns", MAX_COLUMNS);
        }
        row.add(cell.toString());
        cell.setLength(0);
    }

    private static void addRow(List<List<String>> rows, List<String> row) {
        if (rows.size() >= MAX_LINES) {
            throw exceeded("maxLines", "the file has more than " + MAX_LINES + " lines (blank ones included)", MAX_LINES);
        }
        rows.add(row);
    }

    // ----------------------------------------------------------------------------------------- XLSX

    /** The first sheet's rows as text. IllegalArgumentException when it is no readable XLSX. */
    public static List<List<String>> readXlsx(byte[] bytes) {
        Map<String, byte[]> small = new HashMap<>();
        List<String> shared = new ArrayList<>();
        // Pass 1: every entry inflated within the limits; the workbook and its relations kept (small),
        // the shared strings parsed as they inflate.
        zip(bytes, (name, in) -> {
            if (name.equals("xl/workbook.xml") || name.equals("xl/_rels/workbook.xml.rels")) {
                byte[] content = in.readNBytes(MAX_SMALL_ENTRY + 1);
                if (content.length > MAX_SMALL_ENTRY) {
                    throw exceeded("maxEntryBytes", name + " has more than " + MAX_SMALL_ENTRY + " bytes", name, MAX_SMALL_ENTRY);
                }
                small.put(name, content);
            } else if (name.equals("xl/sharedStrings.xml")) {
                shared.addAll(sharedStrings(in));
            }
            in.transferTo(OutputStream.nullOutputStream());
            return true;
        });
        String sheet = firstSheet(small.get("xl/workbook.xml"), small.get("xl/_rels/workbook.xml.rels"));
        // Pass 2: stream the sheet.
        List<List<String>> rows = new ArrayList<>();
        boolean[] found = {false};
        zip(bytes, (name, in) -> {
            if (!name.equals(sheet)) {
                return true;
            }
            found[0] = true;
            sheetRows(in, shared, rows);
            return false;
        });
        if (!found[0]) {
            throw new IllegalArgumentException("the file is not a readable XLSX workbook");
        }
        return rows;
    }

    /** The workbook and its relations are a few kilobytes. */
    private static final int MAX_SMALL_ENTRY = 1024 * 1024;

    interface EntryReader {
        /** @return whether to go on to the next entry */
        boolean read(String name, InputStream inflating) throws IOException, XMLStreamException;
    }

    /** Walks the entries, each given as a stream that checks the entry, total and ratio limits as it inflates. */
    private static void zip(byte[] bytes, EntryReader reader) {
        Counting raw = new Counting(new ByteArrayInputStream(bytes));
        long[] total = {0};
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    throw exceeded("maxZipEntries", "the XLSX file has more than " + MAX_ZIP_ENTRIES + " entries", MAX_ZIP_ENTRIES);
                }
                long[] size = {0};
                InputStream inflating = new FilterInputStream(zip) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b >= 0) {
                            size[0]++;
                            total[0]++;
                            check(size[0], total[0], raw.count);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n > 0) {
                            size[0] += n;
                            total[0] += n;
                            check(size[0], total[0], raw.count);
                        }
                        return n;
                    }

                    @Override
                    public void close() {
                    }
                };
                if (!reader.read(e.getName(), inflating)) {
                    return;
                }
            }
        } catch (IOException | XMLStreamException | RuntimeException e) {
            if (e instanceof DomainException d) {
                throw d;
            }
            if (e.getCause() instanceof DomainException d) {
                throw d;
            }
            throw new IllegalArgumentException("the file is not a readable XLSX workbook");
        }
        if (entries == 0) {
            throw new IllegalArgumentException("the file is not a readable XLSX workbook");
        }
    }

    private static void check(long entrySize, long total, long compressed) {
        if (entrySize > MAX_ENTRY_BYTES) {
            throw exceeded("maxEntryBytes", "an entry of the XLSX file inflates to more than " + MAX_ENTRY_BYTES + " bytes", MAX_ENTRY_BYTES);
        }
        if (total > MAX_TOTAL_BYTES) {
            throw exceeded("maxTotalBytes", "the XLSX file inflates to more than " + MAX_TOTAL_BYTES + " bytes", MAX_TOTAL_BYTES);
        }
        // 64 KB of slack: small files and the reader's buffering
        if (total > 65_536 && total > (long) MAX_COMPRESSION_RATIO * compressed) {
            throw exceeded("maxCompressionRatio", "the XLSX file inflates more than " + MAX_COMPRESSION_RATIO
                    + " times its size (a zip bomb?)", MAX_COMPRESSION_RATIO);
        }
    }

    private static XMLStreamReader xml(InputStream in) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f.createXMLStreamReader(in);
    }

    /** The first sheet's entry name: workbook.xml's first {@code sheet}, its relation's target. */
    private static String firstSheet(byte[] workbook, byte[] rels) {
        if (workbook == null) {
            throw new IllegalArgumentException("the file is not a readable XLSX workbook");
        }
        try {
            String relId = null;
            XMLStreamReader x = xml(new ByteArrayInputStream(workbook));
            while (x.hasNext() && relId == null) {
                if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("sheet")) {
                    for (int i = 0; i < x.getAttributeCount(); i++) {
                        if (x.getAttributeLocalName(i).equals("id")) {
                            relId = x.getAttributeValue(i);
                        }
                    }
                }
            }
            if (relId != null && rels != null) {
                XMLStreamReader y = xml(new ByteArrayInputStream(rels));
                while (y.hasNext()) {
                    if (y.next() == XMLStreamConstants.START_ELEMENT && y.getLocalName().equals("Relationship")
                            && relId.equals(y.getAttributeValue(null, "Id"))) {
                        String target = y.getAttributeValue(null, "Target");
                        return target.startsWith("/") ? target.substring(1) : "xl/" + target;
                    }
                }
            }
            return "xl/worksheets/sheet1.xml";
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("the file is not a readable XLSX workbook");
        }
    }

    private static List<String> sharedStrings(InputStream xml) {
        List<String> out = new ArrayList<>();
        long chars = 0;
        try {
            XMLStreamReader x = xml(xml);
            StringBuilder si = null;
            boolean inT = false;
            boolean inRph = false;
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    switch (x.getLocalName()) {
                        case "si" -> si = new StringBuilder();
                        case "t" -> inT = true;
                        case "rPh" -> inRph = true;
                        default -> { }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    switch (x.getLocalName()) {
                        case "si" -> {
                            if (out.size() >= (long) MAX_LINES * MAX_COLUMNS) {
                                throw exceeded("maxSharedStrings", "the XLSX file has more than "
                                        + (long) MAX_LINES * MAX_COLUMNS + " distinct texts", MAX_LINES, MAX_COLUMNS);
                            }
                            out.add(si == null ? "" : si.toString());
                            si = null;
                        }
                        case "t" -> inT = false;
                        case "rPh" -> inRph = false;
                        default -> { }
                    }
                } else if ((ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) && inT && !inRph && si != null) {
                    if (si.length() + x.getTextLength() > MAX_CELL_CHARS) {
                        throw exceeded("maxCellChars", "a cell has more than " + MAX_CELL_CHARS + " characters", MAX_CELL_CHARS);
                    }
                    chars += x.getTextLength();
                    if (chars > MAX_SHARED_CHARS) {
                        throw exceeded("maxSharedChars", "the XLSX file's texts have more than " + MAX_SHARED_CHARS + " characters", MAX_SHARED_CHARS);
                    }
                    si.append(x.getText());
                }
            }
            return out;
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("the file is not a readable XLSX workbook");
        }
    }

    private static void sheetRows(InputStream in, List<String> shared, List<List<String>> rows) throws XMLStreamException {
        XMLStreamReader x = xml(in);
        List<String> row = null;
        int rowIndex = -1;
        String type = null;
        int col = -1;
        int nextCol = 0;
        StringBuilder value = null;
        boolean inValue = false;
        while (x.hasNext()) {
            int ev = x.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                switch (x.getLocalName()) {
                    case "row" -> {
                        String r = x.getAttributeValue(null, "r");
                        rowIndex = r == null ? rowIndex + 1 : parseRow(r);
                        if (rowIndex >= MAX_LINES) {
                            throw exceeded("maxLines", "the sheet has a row beyond row " + MAX_LINES, MAX_LINES);
                        }
                        while (rows.size() < rowIndex) {
                            rows.add(new ArrayList<>());
                        }
                        row = new ArrayList<>();
                        nextCol = 0;
                    }
                    case "c" -> {
                        String ref = x.getAttributeValue(null, "r");
                        col = ref == null ? nextCol : column(ref);
                        if (col >= MAX_COLUMNS) {
                            throw exceeded("maxColumns", "a cell lies beyond column " + MAX_COLUMNS + " (" + ref + ")", MAX_COLUMNS);
                        }
                        type = x.getAttributeValue(null, "t");
                        value = new StringBuilder();
                    }
                    case "v", "t" -> inValue = value != null;
                    default -> { }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                switch (x.getLocalName()) {
                    case "c" -> {
                        if (row != null && value != null) {
                            while (row.size() < col) {
                                row.add("");
                            }
                            row.add(text(type, value.toString(), shared));
                            nextCol = col + 1;
                        }
                        value = null;
                    }
                    case "v", "t" -> inValue = false;
                    case "row" -> {
                        if (row != null) {
                            rows.add(row);
                        }
                        row = null;
                    }
                    default -> { }
                }
            } else if ((ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) && inValue) {
                if (value.length() + x.getTextLength() > MAX_CELL_CHARS) {
                    throw exceeded("maxCellChars", "a cell has more than " + MAX_CELL_CHARS + " characters", MAX_CELL_CHARS);
                }
                value.append(x.getText());
            }
        }
    }

    private static String text(String type, String v, List<String> shared) {
        if ("s".equals(type)) {
            try {
                int i = Integer.parseInt(v.trim());
                return i >= 0 && i < shared.size() ? shared.get(i) : "";
            } catch (NumberFormatException e) {
                return "";
            }
        }
        if ("b".equals(type)) {
            return "1".equals(v.trim()) ? "TRUE" : "FALSE";
        }
        if (type == null || "n".equals(type)) {
            String s = v.trim();
            try {
                java.math.BigDecimal d = new java.math.BigDecimal(s);
                return d.stripTrailingZeros().scale() <= 0 ? d.toBigInteger().toString() : d.stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return s;
            }
        }
        return v; // str, inlineStr, e
    }

    /** 0-based column of a reference such as {@code XFD1}: letters only, stopping before it grows past the limit. */
    static int column(String ref) {
        int c = 0;
        for (int i = 0; i < ref.length() && Character.isLetter(ref.charAt(i)); i++) {
            c = c * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            if (c > 1_000_000) {
                break;
            }
        }
        return c - 1;
    }

    private static int parseRow(String r) {
        try {
            long v = Long.parseLong(r.trim());
            return (int) Math.min(Integer.MAX_VALUE, Math.max(1, v)) - 1;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the file is not a readable XLSX workbook");
        }
    }

    /** Counts the compressed bytes the zip reader has taken. */
    static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
