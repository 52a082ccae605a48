package cn.sunshine.platform.sms;

import cn.sunshine.platform.identifiers.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SMS gateway of the local run and the tests: nothing is sent; the log names the masked phone only, and the
 * last message per phone is kept in memory for the tests (never the code in a log). Whether an answer carries the
 * code sent ({@code simulatedCode}) is each feature's {@code echo-code} setting, on in the {@code local} profile only.
 */
public class SimulatedSms implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(SimulatedSms.class);

    private final Map<String, String> lastMessage = new ConcurrentHashMap<>();

    @Override
    public void send(String phone, String message) {
        lastMessage.put(phone, message);
        if (lastMessage.size() > 10_000) {
            lastMessage.clear();
        }
        log.info("simulated SMS to {}: a confirmation code ({} characters)", PersonalData.maskPhone(phone),
                message.length());
    }

    /** The last message sent to a phone (tests). */
    public String lastMessageTo(String phone) {
        return lastMessage.get(phone);
    }

    /** The last 6-digit code sent to a phone (tests), or null. */
    public String lastCodeTo(String phone) {
        String m = lastMessage.get(phone);
        if (m == null) {
            return null;
        }
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("\\d{6}").matcher(m);
        return code.find() ? code.group() : null;
    }
}
