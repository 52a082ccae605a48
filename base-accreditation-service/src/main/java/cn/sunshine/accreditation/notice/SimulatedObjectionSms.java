package cn.sunshine.accreditation.notice;

import cn.sunshine.platform.identifiers.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SMS gateway of the local run and the tests: nothing is sent; the log names the masked phone
 * only, and the last message per phone is kept in memory for the tests (never the code in a log).
 */
public class SimulatedObjectionSms implements ObjectionSms {

    private static final Logger log = LoggerFactory.getLogger(SimulatedObjectionSms.class);

    private final Map<String, String> lastMessage = new ConcurrentHashMap<>();

    @Override
    public void send(String phone, String message) {
        lastMessage.put(phone, message);
        if (lastMessage.size() > 10_000) {
            lastMessage.clear();
        }
        log.info("simulated SMS to {}: an objection confirmation code ({} characters)", PersonalData.maskPhone(phone),
                message.length());
    }

    /** The last message sent to a phone (tests). */
    public String lastMessageTo(String phone) {
        return lastMessage.get(phone);
    }
}
