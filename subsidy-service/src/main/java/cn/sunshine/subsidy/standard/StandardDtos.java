package cn.sunshine.subsidy.standard;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import java.util.Map;

/** What the standard endpoints take and answer. */
public final class StandardDtos {

    private StandardDtos() {
    }

    public record SetStandardRequest(@NotBlank @Pattern(regexp = "\\d{6}") String divisionCode,
                             @NotNull @Min(2000) @Max(2100) Integer year,
                             @NotBlank String majorCode, @NotEmpty Map<String, Long> tierAmountsFen,
                             @PositiveOrZero long centralPerHeadFen, @PositiveOrZero long provincialPerHeadFen,
                             @PositiveOrZero long cityPerHeadFen) {
    }

    public record StandardView(String divisionCode, int year, String majorCode, Map<String, Long> tierAmountsFen,
                               long centralPerHeadFen, long provincialPerHeadFen, long cityPerHeadFen,
                               String setAt, String setBy) {
        static StandardView of(SubsidyStandard s) {
            return new StandardView(s.getDivisionCode(), s.getYear(), s.getMajorCode(), s.getTierAmountsFen(),
                    s.getCentralPerHeadFen(), s.getProvincialPerHeadFen(), s.getCityPerHeadFen(),
                    s.getSetAt().toString(), s.getSetBy());
        }
    }
}
