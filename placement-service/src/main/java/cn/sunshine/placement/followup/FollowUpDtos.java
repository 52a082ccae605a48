package cn.sunshine.placement.followup;

import cn.sunshine.placement.placement.Problem;
import cn.sunshine.placement.placement.PlacementDtos.PlacementView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/** What the follow-up endpoints take and answer. */
public final class FollowUpDtos {

    private FollowUpDtos() {
    }

    public enum State { DUE, OVERDUE }

    public record ContactRequest(@NotNull LocalDate contactedOn, @NotNull Boolean reached, Boolean stillEmployed,
                                 @Min(0) @Max(100_000_000) Long monthlyWageFen, @Min(1) @Max(5) Integer satisfaction,
                                 @Size(max = 5) List<@NotNull Problem> problems,
                                 @Min(0) @Max(1_000_000_000) Long unpaidWagesFen, @Size(max = 1000) String note) {
    }

    public record ContactRecorded(PlacementView placement, String escalationCaseId) {
    }

    /** One contact of a class's follow-up sheet: the placement and the single request's fields. */
    public record ClassContact(@NotNull @Size(max = 140) String placementId, @NotNull LocalDate contactedOn,
                               @NotNull Boolean reached, Boolean stillEmployed,
                               @Min(0) @Max(100_000_000) Long monthlyWageFen, @Min(1) @Max(5) Integer satisfaction,
                               @Size(max = 5) List<@NotNull Problem> problems,
                               @Min(0) @Max(1_000_000_000) Long unpaidWagesFen, @Size(max = 1000) String note) {
        public ContactRequest request() {
            return new ContactRequest(contactedOn, reached, stillEmployed, monthlyWageFen, satisfaction, problems,
                    unpaidWagesFen, note);
        }
    }

    /** A class's contacts of one follow-up round: 1 to 500, each placement once. */
    public record ClassContactsRequest(@NotNull @Size(min = 1, max = 500) List<@NotNull @Valid ClassContact> contacts) {
    }

    /** What a class's follow-up sheet did, with the escalation cases it opened. */
    public record ClassContactsRecorded(int recorded, int alreadyDone, List<String> escalationCaseIds) {
    }

    /** A bad row of a class's follow-up sheet: {@code row} counts the entries from 1. */
    public record RowError(int row, String placementId, String field, String message) {
    }
}
