package cn.sunshine.console.export;

import cn.sunshine.platform.export.SafeCells;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * A list as an XLSX the way the programme's exports are (the ledger, the progress report): a Chinese header row,
 * an English one beneath, a row per record. Text cells go through the platform's {@link SafeCells} (no cell a
 * spreadsheet could run as a formula); money ({@link Yuan}) is a number formatted ¥#,##0.00; counts are numbers.
 * Streamed (SXSSF, 100 rows in memory), so a long list does not hold the whole sheet.
 */
public final class Spreadsheet {

    /** Money in fen, written as yuan (a number cell). */
    public record Yuan(Long fen) {
    }

    private Spreadsheet() {
    }

    public static byte[] of(String sheetName, List<String> chinese, List<String> english, List<List<Object>> rows) {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100)) {
            Sheet sheet = wb.createSheet(sheetName);
            CellStyle header = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            header.setFont(bold);
            CellStyle money = wb.createCellStyle();
            money.setDataFormat(wb.createDataFormat().getFormat("¥#,##0.00"));
            writeHeader(sheet.createRow(0), chinese, header);
            writeHeader(sheet.createRow(1), english, header);
            int r = 2;
            for (List<Object> values : rows) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < values.size(); c++) {
                    Object v = values.get(c);
                    Cell cell = row.createCell(c);
                    if (v instanceof Yuan y) {
                        if (y.fen() != null) {
                            cell.setCellValue(BigDecimal.valueOf(y.fen()).movePointLeft(2).doubleValue());
                            cell.setCellStyle(money);
                        }
                    } else if (v instanceof Number n) {
                        cell.setCellValue(n.doubleValue());
                    } else if (v != null) {
                        cell.setCellValue(SafeCells.neutralise(v.toString()));
                    }
                }
            }
            sheet.createFreezePane(0, 2);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            wb.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeHeader(Row row, List<String> names, CellStyle style) {
        for (int c = 0; c < names.size(); c++) {
            Cell cell = row.createCell(c);
            cell.setCellValue(names.get(c));
            cell.setCellStyle(style);
        }
    }
}
