package cn.sunshine.placement.employer;

import cn.sunshine.placement.placement.PlacementDtos;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** What the employer endpoints take and answer. */
public final class EmployerDtos {

    private EmployerDtos() {
    }

    public record RegisterRequest(@NotBlank @Size(max = 100) String name,
                                  @NotBlank @Size(min = 18, max = 18) String creditCode,
                                  @NotBlank @Size(min = 6, max = 200) String address,
                                  @NotBlank @Pattern(regexp = PlacementDtos.PHONE, message = "must be a mobile or landline number with area code") String hrPhone) {
    }

    public record UpdateRequest(@NotBlank @Size(max = 100) String name,
                                @NotBlank @Size(min = 6, max = 200) String address,
                                @NotBlank @Pattern(regexp = PlacementDtos.PHONE, message = "must be a mobile or landline number with area code") String hrPhone,
                                @NotBlank @Size(max = 500) String reason) {
    }

    public record EmployerView(String id, long version, String name, String creditCode, String address,
                               String hrPhone, String registeredInDivision, Instant registeredAt, int revision,
                               Employer.Revision lastChange) {
        static EmployerView of(Employer e) {
            List<Employer.Revision> revisions = e.getRevisions();
            Employer.Revision last = revisions.get(revisions.size() - 1);
            return new EmployerView(e.getId(), e.getVersion(), e.getName(), e.getCreditCode(), e.getAddress(),
                    e.getHrPhone(), e.getRegisteredInDivision(), e.getRegisteredAt(), last.number(), last);
        }
    }

    public record RevisionsView(String employerId, String creditCode, String registeredInDivision,
                                List<Employer.Revision> revisions) {
    }
}
