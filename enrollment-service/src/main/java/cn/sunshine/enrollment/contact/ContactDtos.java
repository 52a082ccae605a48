package cn.sunshine.enrollment.contact;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Requests and responses of the contact lookup. */
public final class ContactDtos {

    private ContactDtos() {
    }

    public enum Purpose { SPOT_CHECK, PLACEMENT_FOLLOW_UP, DIRECT_PAYMENT, RIGHTS_ESCALATION, VERIFICATION }

    public record LookupRequest(@NotBlank @Size(max = 100) String enrollmentId, @NotNull Purpose purpose,
                                @NotBlank @Size(max = 500) String reason) {
    }

    public record ContactView(String enrollmentId, String name, String phone, String householdDivision, String town,
                              String village, String lookupId) {
    }
}
