package cn.sunshine.console.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Counts grouped and basis points as percentages, whatever the language. */
class FormatsNumbersTest {

    final Formats fmt = new Formats();

    @Test
    void countsAreGroupedAndNullIsEmpty() {
        assertThat(fmt.number(3660)).isEqualTo("3,660");
        assertThat(fmt.number(1234567L)).isEqualTo("1,234,567");
        assertThat(fmt.number(0)).isEqualTo("0");
        assertThat(fmt.number("42")).isEqualTo("42");
        assertThat(fmt.number(null)).isEmpty();
    }

    @Test
    void basisPointsArePercentagesWithTwoDecimals() {
        assertThat(fmt.rateBp(9441)).isEqualTo("94.41%");
        assertThat(fmt.rateBp(10000)).isEqualTo("100.00%");
        assertThat(fmt.rateBp(5)).isEqualTo("0.05%");
        assertThat(fmt.rateBp(0)).isEqualTo("0.00%");
        assertThat(fmt.rateBp(null)).isEmpty();
    }
}
