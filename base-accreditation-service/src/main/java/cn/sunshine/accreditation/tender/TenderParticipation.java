package cn.sunshine.accreditation.tender;

import java.util.List;

/**
 * Who takes part in a tender beyond the officers: the reviewers on its panel (kept by the review
 * feature). Experts see only the tenders they review.
 */
public interface TenderParticipation {

    boolean isPanelMember(String tenderId, String reviewerId);

    List<String> tendersReviewedBy(String reviewerId);
}
