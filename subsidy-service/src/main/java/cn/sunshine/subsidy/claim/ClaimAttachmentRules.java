package cn.sunshine.subsidy.claim;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sunshine.subsidy.claim-attachments.*}: the documents a claim of each part must carry (the counties' rules:
 * a completion claim — the training subsidy — the trainees' fee receipts and ID copies; a placement claim the labour
 * contracts and the employer's signed and stamped list of the people it took on), and the kinds a base may attach.
 */
@ConfigurationProperties("sunshine.subsidy.claim-attachments")
public record ClaimAttachmentRules(Map<ClaimPart, List<String>> required, List<String> kinds) {

    public ClaimAttachmentRules {
        Map<ClaimPart, List<String>> r = new EnumMap<>(ClaimPart.class);
        r.put(ClaimPart.COMPLETION, List.of("FEE_RECEIPT", "ID_COPY"));
        r.put(ClaimPart.PLACEMENT, List.of("LABOUR_CONTRACT", "EMPLOYER_LIST"));
        if (required != null) {
            required.forEach((part, named) -> r.put(part, named == null ? List.of() : List.copyOf(named)));
        }
        required = Map.copyOf(r);
        kinds = kinds == null || kinds.isEmpty()
                ? List.of("FEE_RECEIPT", "ID_COPY", "LABOUR_CONTRACT", "EMPLOYER_LIST", "OTHER") : List.copyOf(kinds);
    }

    public List<String> requiredFor(ClaimPart part) {
        return required.getOrDefault(part, List.of());
    }
}
