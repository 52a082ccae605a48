package cn.sunshine.accreditation.application;

import cn.sunshine.accreditation.base.BaseDtos.DecisionView;
import cn.sunshine.accreditation.tender.TenderDtos;
import cn.sunshine.platform.identifiers.PersonalData;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Requests and responses of the application feature. */
public final class ApplicationDtos {

    static final String PHONE = "1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}";

    private ApplicationDtos() {
    }

    @Schema(example = """
            {"institution":{"legalName":"应城市职业教育中心","creditCode":"12420981MB1234567H",
              "address":"湖北省应城市城中民营经济园","divisionCode":"420981",
              "contacts":[{"name":"李校长","role":"校长","phone":"13907120000"}]},
             "majors":[{"majorCode":"WELDING","annualCapacity":300,"feeStandardFen":60000,"durationDays":30,
               "teachers":[{"name":"王师傅","qualification":"高级焊工","certificateNo":"HG-2019-0231"}],
               "facilities":"实训车间800平方米，焊机40台","placementPartners":[{"employer":"东莞市金飞达电子厂","location":"广东东莞","positionsOffered":120}],
               "livingConditions":"学员宿舍每间6人，食堂","serviceCommitments":"培训就业一条龙服务，推荐就业率90%以上"}],
             "documents":[{"name":"事业单位法人证书.pdf","type":"LEGAL_PERSON_CERTIFICATE",
               "sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","sizeBytes":482113}]}""")
    public record SubmitApplicationRequest(
            @NotNull @Valid InstitutionDto institution,
            @NotEmpty @Size(max = 40) List<@Valid @NotNull ProposedMajorDto> majors,
            @NotNull @Size(max = 100) List<@Valid @NotNull DocumentDto> documents) {
    }

    public record InstitutionDto(
            @NotBlank @Size(max = 100) String legalName,
            @NotBlank @Pattern(regexp = "[0-9A-Z]{18}", message = "must be 18 digits or capital letters") String creditCode,
            @NotBlank @Size(max = 200) String address,
            @NotBlank @Pattern(regexp = "[1-9]\\d{5}", message = "must be a 6-digit division code") String divisionCode,
            @NotEmpty @Size(max = 10) List<@Valid @NotNull ContactDto> contacts) {

        Institution toInstitution() {
            return new Institution(legalName.trim(), creditCode, address.trim(), divisionCode,
                    contacts.stream().map(c -> new Institution.Contact(c.name().trim(), c.role(), c.phone())).toList());
        }
    }

    public record ContactDto(
            @NotBlank @Size(max = 50) String name,
            @Size(max = 50) String role,
            @NotBlank @Pattern(regexp = PHONE, message = "must be a mobile number or a landline with area code") String phone) {
    }

    public record ProposedMajorDto(
            @NotBlank @Pattern(regexp = TenderDtos.CODE, message = TenderDtos.CODE_MESSAGE) String majorCode,
            @NotNull @Min(1) @Max(100000) Integer annualCapacity,
            @NotNull @Min(0) @Max(10_000_000) Long feeStandardFen,
            @NotNull @Min(1) @Max(730) Integer durationDays,
            @NotNull @Size(max = 200) List<@Valid @NotNull TeacherDto> teachers,
            @Size(max = 2000) String facilities,
            @NotNull @Size(max = 100) List<@Valid @NotNull PartnerDto> placementPartners,
            @Size(max = 2000) String livingConditions,
            @Size(max = 2000) String serviceCommitments) {

        ProposedMajor toMajor() {
            return new ProposedMajor(majorCode, null, annualCapacity, feeStandardFen, durationDays,
                    teachers.stream().map(t -> new ProposedMajor.Teacher(t.name().trim(), t.qualification().trim(),
                            t.certificateNo())).toList(),
                    facilities, placementPartners.stream().map(p -> new ProposedMajor.PlacementPartner(
                            p.employer().trim(), p.location(), p.positionsOffered())).toList(),
                    livingConditions, serviceCommitments);
        }
    }

    public record TeacherDto(@NotBlank @Size(max = 50) String name, @NotBlank @Size(max = 100) String qualification,
                             @Size(max = 50) String certificateNo) {
    }

    public record PartnerDto(@NotBlank @Size(max = 100) String employer, @Size(max = 100) String location,
                             @NotNull @Min(0) @Max(100000) Integer positionsOffered) {
    }

    public record DocumentDto(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = TenderDtos.CODE, message = TenderDtos.CODE_MESSAGE) String type,
            @NotBlank @Pattern(regexp = "[0-9a-f]{64}", message = "must be the SHA-256 as 64 lower-case hex digits") String sha256,
            @NotNull @Min(1) @Max(100_000_000) Long sizeBytes) {

        AttachedDocument toDocument() {
            return new AttachedDocument(name.trim(), type, sha256, sizeBytes);
        }
    }

    public record RejectRequest(@NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 500) String> reasons) {
    }

    public record ApplicationView(String id, long version, String tenderId, Institution institution,
                                  List<ProposedMajor> majors, List<AttachedDocument> documents,
                                  ApplicationStatus status, DecisionView submission, DecisionView rejection,
                                  List<String> rejectionReasons) {

        /** @param showContacts false: phones are masked (e.g. for reviewers) */
        public static ApplicationView of(Application a, boolean showContacts) {
            Institution i = a.getInstitution();
            Institution shown = showContacts ? i : new Institution(i.legalName(), i.creditCode(), i.address(),
                    i.divisionCode(), i.contacts().stream().map(c -> new Institution.Contact(c.name(), c.role(),
                    PersonalData.maskPhone(c.phone()))).toList());
            return new ApplicationView(a.getId(), a.getVersion(), a.getTenderId(), shown, a.getMajors(),
                    a.getDocuments(), a.getStatus(), DecisionView.of(a.getSubmission()),
                    DecisionView.of(a.getRejection()), a.getRejectionReasons());
        }
    }
}
