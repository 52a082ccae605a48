package cn.sunshine.enrollment.ledger;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.sunshine.platform.export.SafeCells;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Rows of text in and out of CSV (RFC 4180, UTF-8) and XLSX. */
public final class Sheets {

    public static final String CSV = "text/csv";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Sheets() {
    }

    /** Parses CSV with the upload limits (a UTF-8 byte-order mark is skipped): {@link cn.sunshine.enrollment.roster.RosterReader}. */
    public static List<List<String>> readCsv(byte[] bytes) {
        return cn.sunshine.enrollment.roster.RosterReader.readCsv(new ByteArrayInputStream(bytes));
    }

    /** The first sheet's rows as text, streamed with the upload limits: {@link cn.sunshine.enrollment.roster.RosterReader}. */
    public static List<List<String>> readXlsx(byte[] bytes) {
        return cn.sunshine.enrollment.roster.RosterReader.readXlsx(bytes);
    }

    public static byte[] writeCsv(List<List<String>> rows) {
        StringBuilder sb = new StringBuilder("\uFEFF");
        for (List<String> row : rows) {
            sb.append(SafeCells.csvLine(row)).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Every cell as text, so that an ID number never becomes a number in the spreadsheet, and
     * formula-safe ({@link SafeCells}): a text cell never starts with = + - @, a tab or a carriage return.
     */
    public static byte[] writeXlsx(String sheetName, List<List<String>> rows) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet(sheetName);
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                List<String> cells = rows.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    row.createCell(c).setCellValue(SafeCells.neutralise(cells.get(c)));
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
