package cn.sunshine.console.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ApiErrorsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "403, NOT_FOUND", "404, NOT_FOUND",
            "409, CHANGED", "412, CHANGED",
            "429, LATER", "502, LATER", "503, LATER", "504, LATER",
            "400, INVALID", "422, INVALID",
            "401, SIGN_IN",
            "500, FAILED", "418, FAILED"})
    void eachStatusHasItsPage(int status, ApiErrors.Kind kind) {
        assertThat(ApiErrors.kindOf(status)).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({"403", "404"})
    void outsideTheJurisdictionAndAbsentLookTheSame(int status) {
        // The APIs answer 404 for another county's records; the page must not tell a 403 apart either.
        assertThat(ApiErrors.kindOf(status).messageKey()).isEqualTo("error.notFound");
        assertThat(ApiErrors.kindOf(status).pageStatus()).isEqualTo(404);
    }
}
