package cn.sunshine.placement.spotcheck;

import cn.sunshine.placement.contact.ContactLookups.Outcome;

/**
 * One sampled placement on the call list. {@code phone} is held only while the check is open (the
 * call list needs it) and erased when it concludes; {@code contact} says whether it was retrieved,
 * is pending (enrollment unavailable) or unknown to enrollment.
 */
public record SpotCheckItem(String placementId, String enrollmentId, String traineeName, String maskedIdNumber,
                            String employerName, String employerAddress, String job, String workplace,
                            Outcome contact, String phone, String contactProblem, Call call) {

    SpotCheckItem withContact(Outcome outcome, String newPhone, String problem) {
        return new SpotCheckItem(placementId, enrollmentId, traineeName, maskedIdNumber, employerName,
                employerAddress, job, workplace, outcome, newPhone, problem, call);
    }

    SpotCheckItem withCall(Call c) {
        return new SpotCheckItem(placementId, enrollmentId, traineeName, maskedIdNumber, employerName,
                employerAddress, job, workplace, contact, phone, contactProblem, c);
    }

    SpotCheckItem withoutPhone() {
        return new SpotCheckItem(placementId, enrollmentId, traineeName, maskedIdNumber, employerName,
                employerAddress, job, workplace, contact, null, contactProblem, call);
    }
}
