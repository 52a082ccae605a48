package cn.sunshine.accreditation.notice;

/**
 * Sends the one-time code that confirms an objection to the objector's phone. The province's SMS
 * provider implements it (a bean of this type replaces the simulated one); locally and in tests
 * {@link SimulatedObjectionSms} stands in. An implementation never logs the phone whole nor the code.
 */
public interface ObjectionSms {

    /**
     * @param phone   the objector's phone as they gave it
     * @param message the text to send (it carries the code)
     */
    void send(String phone, String message);
}
