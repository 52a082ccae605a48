package cn.sunshine.platform.export;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SafeCellsTest {

    @Test
    void aLeadingFormulaCharacterIsQuotedAndAnythingElsePassesUnchanged() {
        for (String c : List.of("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")) {
            assertThat(SafeCells.dangerous(c + "1+1")).as(c).isTrue();
            assertThat(SafeCells.neutralise(c + "1+1")).isEqualTo("'" + c + "1+1");
            assertThat(SafeCells.dangerous(SafeCells.neutralise(c + "1+1"))).isFalse();
            assertThat(SafeCells.csvField(c + "1")).isEqualTo("\"'" + c + "1\"");
        }
        assertThat(SafeCells.neutralise("张秀英")).isEqualTo("张秀英");
        assertThat(SafeCells.neutralise("a=1")).isEqualTo("a=1");
        assertThat(SafeCells.neutralise(null)).isEmpty();
        assertThat(SafeCells.csvLine(List.of("a,b", "say \"hi\"", "=x"))).isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"'=x\"");
    }
}
