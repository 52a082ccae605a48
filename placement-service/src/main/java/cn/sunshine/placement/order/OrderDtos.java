package cn.sunshine.placement.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** What the order endpoints take and answer. */
public final class OrderDtos {

    private OrderDtos() {
    }

    public record PositionRequest(
            @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}", message = "must be an upper-case code such as WELDING") String majorCode,
            @NotNull @Min(1) @Max(100_000) Integer count,
            @NotNull @Min(1) @Max(100_000_000) Long monthlyWageFen,
            @NotBlank @Size(max = 200) String place) {
    }

    public record CreateRequest(@NotBlank @Size(max = 100) String employerId,
                                @NotNull @Min(2000) @Max(2100) Integer year,
                                @NotEmpty @Size(max = 40) List<@Valid @NotNull PositionRequest> positions) {
    }

    public record LinkRequest(@NotBlank @Size(max = 100) String classId) {
    }

    public record PositionView(String majorCode, int count, long monthlyWageFen, String place, long placed) {
    }

    public record OrderView(String id, long version, String employerId, String employerName, String employerCreditCode,
                            String baseId, String divisionCode, int year, List<PositionView> positions,
                            List<String> classIds, Instant createdAt) {
    }
}
