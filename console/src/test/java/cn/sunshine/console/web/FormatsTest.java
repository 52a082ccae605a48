package cn.sunshine.console.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

    final Formats fmt = new Formats();

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void moneyIsWrittenInYuanFromFenWithGroupingAndTwoDecimals() {
        assertThat(fmt.money(126000L)).isEqualTo("¥1,260.00");
        assertThat(fmt.money(20000)).isEqualTo("¥200.00");
        assertThat(fmt.money(5)).isEqualTo("¥0.05");
        assertThat(fmt.money(0)).isEqualTo("¥0.00");
        assertThat(fmt.money(123456789012L)).isEqualTo("¥1,234,567,890.12");
        assertThat(fmt.money(-500)).isEqualTo("-¥5.00");
        assertThat(fmt.money("4000")).isEqualTo("¥40.00");
        assertThat(fmt.money(null)).isEmpty();
    }

    @Test
    void moneyDoesNotDependOnTheReadersLanguage() {
        LocaleContextHolder.setLocale(Locale.GERMANY); // would write 1.260,00
        assertThat(fmt.money(126000L)).isEqualTo("¥1,260.00");
    }

    @Test
    void datesAreChineseByDefaultAndEnglishWhenChosen() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(fmt.date("2026-04-15")).isEqualTo("2026年4月15日");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(fmt.date("2026-04-15")).isEqualTo("15 Apr 2026");
        assertThat(fmt.date(null)).isEmpty();
    }

    @Test
    void anInstantIsADateInAsiaShanghai() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        // 17:00 UTC on 14 April is 01:00 on 15 April in Beijing.
        assertThat(fmt.date("2026-04-14T17:00:00Z")).isEqualTo("2026年4月15日");
        assertThat(fmt.dateTime("2026-04-14T17:00:00Z")).isEqualTo("2026年4月15日 01:00");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(fmt.dateTime("2026-04-15T01:30:00Z")).isEqualTo("15 Apr 2026 09:30");
    }

    @Test
    void anIdNumberIsShownMasked() {
        assertThat(fmt.maskId("42098119900101123X")).isEqualTo("420981********123X");
        assertThat(fmt.maskId("420981********123X")).isEqualTo("420981********123X");
        assertThat(fmt.maskId(null)).isEmpty();
    }

    @Test
    void aLongIdIsShortenedForTables() {
        assertThat(fmt.shortId("0123456789abcdef")).isEqualTo("01234567…");
        assertThat(fmt.shortId("abc")).isEqualTo("abc");
    }
}
