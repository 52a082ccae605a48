package cn.sunshine.accreditation.notice;

import cn.sunshine.accreditation.base.Major;

import java.util.List;

/**
 * An application proposed for accreditation in a public notice: the institution, the majors with
 * capacity and fee it would be accredited for, and — once decided — the objection that excluded it
 * or removed majors, and the base it became.
 */
public record NoticeEntry(String applicationId, int rank, String institutionName, String creditCode,
                          String institutionDivision, String address, List<Major> majors, Status status,
                          List<String> changedByObjections, List<String> removedMajors, String baseId) {

    public enum Status { PROPOSED, EXCLUDED }

    NoticeEntry with(List<Major> newMajors, Status newStatus, String objectionId, List<String> removed) {
        List<String> objections = new java.util.ArrayList<>(changedByObjections);
        objections.add(objectionId);
        List<String> allRemoved = new java.util.ArrayList<>(removedMajors);
        allRemoved.addAll(removed);
        return new NoticeEntry(applicationId, rank, institutionName, creditCode, institutionDivision, address,
                List.copyOf(newMajors), newStatus, List.copyOf(objections), List.copyOf(allRemoved), baseId);
    }

    NoticeEntry withBase(String id) {
        return new NoticeEntry(applicationId, rank, institutionName, creditCode, institutionDivision, address, majors,
                status, changedByObjections, removedMajors, id);
    }
}
