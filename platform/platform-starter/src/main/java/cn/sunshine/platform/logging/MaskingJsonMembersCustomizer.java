package cn.sunshine.platform.logging;

import cn.sunshine.platform.identifiers.PersonalData;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.json.JsonWriter.ValueProcessor;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * A last line of defence in the structured logs: every string value that looks like a resident ID
 * number or a mobile number is masked before it is written. Code must not log them in the first place.
 */
public class MaskingJsonMembersCustomizer implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(ValueProcessor.of(String.class, PersonalData::maskAll));
    }
}
