package cn.sunshine.placement.placement;

import java.time.LocalDate;

/**
 * One scheduled follow-up contact (跟踪服务) of a placement: number {@code n} falls due {@code n}
 * intervals after the start date. DUE until recorded; CANCELLED when the trainee left the job.
 */
public record FollowUp(int number, LocalDate dueOn, Status status, Contact contact) {

    public enum Status { DUE, DONE, CANCELLED }

    public FollowUp done(Contact c) {
        return new FollowUp(number, dueOn, Status.DONE, c);
    }

    public FollowUp cancelled() {
        return new FollowUp(number, dueOn, Status.CANCELLED, null);
    }
}
