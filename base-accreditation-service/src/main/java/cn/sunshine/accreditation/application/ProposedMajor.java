package cn.sunshine.accreditation.application;

import java.util.List;

/**
 * What an institution offers for one major: annual capacity, fee standard (fen), duration, teachers
 * and their qualifications (师资力量), facilities (校舍校具, 教学设施), placement partners (联系安排就业能力),
 * student living conditions and service commitments (服务承诺).
 */
public record ProposedMajor(String majorCode, String majorName, int annualCapacity, long feeStandardFen,
                            int durationDays, List<Teacher> teachers, String facilities,
                            List<PlacementPartner> placementPartners, String livingConditions,
                            String serviceCommitments) {

    public record Teacher(String name, String qualification, String certificateNo) {
    }

    public record PlacementPartner(String employer, String location, int positionsOffered) {
    }
}
