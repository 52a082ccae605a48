package cn.sunshine.accreditation.application;

import cn.sunshine.accreditation.base.Decision;
import cn.sunshine.accreditation.tender.Tender;
import cn.sunshine.accreditation.tender.TenderMajor;
import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An institution's application (申报) in one tender, for one or more of its majors. */
@Document("applications")
@CompoundIndex(name = "tender_credit_code", def = "{'tenderId': 1, 'institution.creditCode': 1}", unique = true)
public class Application extends AggregateRoot {

    @Indexed
    private String tenderId;
    @Indexed
    private String tenderDivision;
    private Institution institution;
    private List<ProposedMajor> majors;
    private List<AttachedDocument> documents;
    private String applicantSubject;
    private String applicantBaseId;
    private ApplicationStatus status;
    private Decision submission;
    private Decision rejection;
    private List<String> rejectionReasons;

    protected Application() {
    }

    /**
     * Submits an application to a tender at the clock's time. Refused, with every missing item
     * named, when it is incomplete for the tender; refused when the window is not open.
     */
    public static Application submit(Tender tender, Institution institution, List<ProposedMajor> majors,
                                     List<AttachedDocument> documents, String applicantSubject, String applicantBaseId,
                                     Clock clock) {
        Instant now = clock.instant();
        tender.requireOpenForApplications(now);
        List<DomainException.FieldError> missing = new ArrayList<>();
        if (!cn.sunshine.platform.identifiers.DivisionCode.of(tender.getDivisionCode()).covers(institution.divisionCode())) {
            missing.add(DomainException.FieldError.coded("institution.divisionCode", "application.division",
                    "the institution must lie in the tender's division " + tender.getDivisionCode(), tender.getDivisionCode()));
        }
        Set<String> types = new HashSet<>();
        documents.forEach(d -> types.add(d.type()));
        for (String required : tender.getRequiredMaterials()) {
            if (!types.contains(required)) {
                missing.add(DomainException.FieldError.coded("documents", "application.material-missing",
                        "the required material " + required + " is not attached", required));
            }
        }
        Set<String> seen = new HashSet<>();
        List<ProposedMajor> named = new ArrayList<>();
        for (int i = 0; i < majors.size(); i++) {
            ProposedMajor m = majors.get(i);
            String f = "majors[" + i + "]";
            Optional<TenderMajor> sought = tender.major(m.majorCode());
            if (sought.isEmpty()) {
                missing.add(DomainException.FieldError.coded(f + ".majorCode", "application.major-not-sought",
                        "the tender does not seek " + m.majorCode(), m.majorCode()));
                continue;
            }
            if (!seen.add(m.majorCode())) {
                missing.add(DomainException.FieldError.coded(f + ".majorCode", "application.major-twice",
                        m.majorCode() + " is proposed twice", m.majorCode()));
            }
            if (m.teachers().isEmpty()) {
                missing.add(DomainException.FieldError.coded(f + ".teachers", "application.teachers-required",
                        "name the teachers and their qualifications"));
            }
            if (m.placementPartners().isEmpty()) {
                missing.add(DomainException.FieldError.coded(f + ".placementPartners", "application.partners-required",
                        "name at least one employer that will take the trainees"));
            }
            if (blank(m.facilities())) {
                missing.add(DomainException.FieldError.coded(f + ".facilities", "application.facilities-required",
                        "describe the premises and teaching facilities"));
            }
            if (blank(m.livingConditions())) {
                missing.add(DomainException.FieldError.coded(f + ".livingConditions", "application.living-required",
                        "describe the trainees' living conditions"));
            }
            if (blank(m.serviceCommitments())) {
                missing.add(DomainException.FieldError.coded(f + ".serviceCommitments", "application.commitments-required",
                        "state the service commitments"));
            }
            named.add(new ProposedMajor(m.majorCode(), sought.get().majorName(), m.annualCapacity(), m.feeStandardFen(),
                    m.durationDays(), List.copyOf(m.teachers()), trim(m.facilities()), List.copyOf(m.placementPartners()),
                    trim(m.livingConditions()), trim(m.serviceCommitments())));
        }
        if (!missing.isEmpty()) {
            throw new DomainException(422, "application-incomplete", "The application is incomplete",
                    missing.size() + " item(s) missing or not acceptable for this tender: "
                            + String.join("; ", missing.stream().map(e -> e.field() + ": " + e.message()).toList()),
                    missing);
        }
        Application a = new Application();
        a.id = Ids.newId();
        a.tenderId = tender.getId();
        a.tenderDivision = tender.getDivisionCode();
        a.institution = institution;
        a.majors = List.copyOf(named);
        a.documents = List.copyOf(documents);
        a.applicantSubject = applicantSubject;
        a.applicantBaseId = applicantBaseId;
        a.status = ApplicationStatus.SUBMITTED;
        a.submission = new Decision(applicantSubject, now, null);
        return a;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    /** An officer finds the application ineligible (资格审查): it is not ranked. */
    public void reject(List<String> reasons, String actor, Clock clock) {
        if (status != ApplicationStatus.SUBMITTED) {
            throw DomainException.invalidTransition("application", status, "rejected");
        }
        status = ApplicationStatus.REJECTED;
        rejectionReasons = List.copyOf(reasons);
        rejection = new Decision(actor, clock.instant(), String.join("; ", reasons));
    }

    public boolean isApplicant(String subject, String baseId) {
        return subject.equals(applicantSubject) || (baseId != null && baseId.equals(applicantBaseId));
    }

    public Optional<ProposedMajor> major(String code) {
        return majors.stream().filter(m -> m.majorCode().equals(code)).findFirst();
    }

    public String getTenderId() {
        return tenderId;
    }

    public String getTenderDivision() {
        return tenderDivision;
    }

    public Institution getInstitution() {
        return institution;
    }

    public List<ProposedMajor> getMajors() {
        return majors;
    }

    public List<AttachedDocument> getDocuments() {
        return documents;
    }

    public String getApplicantSubject() {
        return applicantSubject;
    }

    public String getApplicantBaseId() {
        return applicantBaseId;
    }

    public ApplicationStatus getStatus() {
        return status;
    }

    public Decision getSubmission() {
        return submission;
    }

    public Decision getRejection() {
        return rejection;
    }

    public List<String> getRejectionReasons() {
        return rejectionReasons;
    }
}
