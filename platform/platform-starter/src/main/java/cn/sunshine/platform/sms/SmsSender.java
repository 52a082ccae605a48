package cn.sunshine.platform.sms;

/**
 * Sends a text message to a phone: the one-time codes that confirm what the public or a trainee states by phone
 * (objections, complaints, trainees' confirmations). The province's SMS provider implements it (a bean of this type
 * replaces the simulated one, {@link SmsConfiguration}); locally and in tests {@link SimulatedSms} stands in. An
 * implementation never logs the phone whole nor the message (it carries the code).
 */
public interface SmsSender {

    /**
     * @param phone   the phone as its owner gave it (11 digits)
     * @param message the text to send (it carries the code)
     */
    void send(String phone, String message);
}
