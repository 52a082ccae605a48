package cn.sunshine.accreditation.notice;

import cn.sunshine.accreditation.base.Decision;

import java.time.Instant;
import java.util.List;

/**
 * An objection (异议) to a public notice, filed by anyone with contact details, and its decision:
 * upheld with its consequence, or dismissed — always with reasons, who and when.
 */
public record Objection(String id, Instant filedAt, ObjectorContact contact, String applicationId, String statement,
                        Ruling ruling) {

    public record ObjectorContact(String name, String phone, String email) {
    }

    public enum Outcome { UPHELD, DISMISSED }

    public enum ConsequenceType {
        /** The application leaves the proposal. */
        EXCLUDE_APPLICATION,
        /** Named majors leave the application's proposal (all of them: it leaves the proposal). */
        REMOVE_MAJORS
    }

    public record Consequence(ConsequenceType type, String applicationId, List<String> majorCodes) {
    }

    /** The decision on an objection: the outcome, the consequence of an upheld one, who decided, when and why. */
    public record Ruling(Outcome outcome, Consequence consequence, Decision decision) {
    }

    public boolean decided() {
        return ruling != null;
    }

    Objection decided(Ruling r) {
        return new Objection(id, filedAt, contact, applicationId, statement, r);
    }
}
