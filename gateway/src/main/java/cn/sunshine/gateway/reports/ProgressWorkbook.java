package cn.sunshine.gateway.reports;

import cn.sunshine.platform.export.SafeCells;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A progress report as an XLSX workbook (api-conventions: a Chinese header row, the English one
 * beneath it). Sheet 进度报告 has one data row: division, period, then the figures — counts and fen
 * as integers, rates as fractions formatted as percentages (9441 bp → 0.9441, shown 94.41%), a
 * shortfall as 是/否. A figure whose part did not answer reads 未答复 (no answer); a figure that
 * cannot be computed is left empty. Sheet 数据来源 lists each part's status and reason.
 *
 * <p>Every text cell goes through {@link SafeCells#neutralise} (the platform's one rule for exports,
 * OWASP CSV injection): a division, period or a service's reason beginning with {@code = + - @}, a tab
 * or a carriage return is written with a leading single quote, so a spreadsheet never runs it.
 */
final class ProgressWorkbook {

    static final String REPORT_SHEET = "进度报告";
    static final String PARTS_SHEET = "数据来源";
    static final String NO_ANSWER = "未答复 (no answer)";

    private ProgressWorkbook() {
    }

    static byte[] write(ProgressReport report) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle header = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            CellStyle percent = book.createCellStyle();
            percent.setDataFormat(book.createDataFormat().getFormat("0.00%"));

            Sheet sheet = book.createSheet(REPORT_SHEET);
            Row chinese = sheet.createRow(0);
            Row english = sheet.createRow(1);
            Row data = sheet.createRow(2);
            int c = 0;
            c = text(chinese, english, data, c, header, "地区", "Division", report.division());
            c = text(chinese, english, data, c, header, "期间", "Period", report.period());
            c = text(chinese, english, data, c, header, "起始日", "From", report.from().toString());
            c = text(chinese, english, data, c, header, "截止日", "To", report.to().toString());
            for (ProgressReport.Column column : ProgressReport.COLUMNS) {
                heading(chinese, english, c, header, column.chinese(), column.english());
                Object value = report.figures().get(column.name());
                Cell cell = data.createCell(c);
                if (value == null) {
                    if (report.unanswered().containsKey(column.name())) {
                        text(cell, NO_ANSWER);
                    } else {
                        cell.setBlank();
                    }
                } else if (value instanceof Boolean flag) {
                    text(cell, flag ? "是" : "否");
                } else if (column.kind() == ProgressReport.Kind.RATE_BP) {
                    cell.setCellValue(((Long) value) / 10_000.0);
                    cell.setCellStyle(percent);
                } else {
                    cell.setCellValue(((Long) value).doubleValue());
                }
                c++;
            }
            for (int i = 0; i < c; i++) {
                sheet.setColumnWidth(i, 16 * 256);
            }
            sheet.createFreezePane(0, 2);

            Sheet parts = book.createSheet(PARTS_SHEET);
            Row partsChinese = parts.createRow(0);
            Row partsEnglish = parts.createRow(1);
            List<String[]> headings = List.of(new String[]{"部分", "Part"}, new String[]{"服务", "Service"},
                    new String[]{"状态", "Status"}, new String[]{"原因", "Reason"});
            for (int i = 0; i < headings.size(); i++) {
                heading(partsChinese, partsEnglish, i, header, headings.get(i)[0], headings.get(i)[1]);
                parts.setColumnWidth(i, (i == 3 ? 48 : 28) * 256);
            }
            int r = 2;
            for (Map.Entry<String, ProgressReport.PartStatus> e : report.parts().entrySet()) {
                Row row = parts.createRow(r++);
                text(row.createCell(0), e.getKey());
                text(row.createCell(1), e.getValue().service());
                text(row.createCell(2), e.getValue().status().name());
                text(row.createCell(3), e.getValue().reason());
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int text(Row chinese, Row english, Row data, int c, CellStyle header, String zh, String en,
            String value) {
        heading(chinese, english, c, header, zh, en);
        text(data.createCell(c), value);
        return c + 1;
    }

    /** A text cell, formula-safe; null is an empty text. */
    static void text(Cell cell, String value) {
        cell.setCellValue(SafeCells.neutralise(value));
    }

    private static void heading(Row chinese, Row english, int c, CellStyle header, String zh, String en) {
        Cell z = chinese.createCell(c);
        text(z, zh);
        z.setCellStyle(header);
        Cell e = english.createCell(c);
        text(e, en);
        e.setCellStyle(header);
    }
}
