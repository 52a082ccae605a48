package cn.sunshine.accreditation.inspection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Inspections and acceptance (检查验收), {@code sunshine.accreditation.inspection}.
 *
 * @param currentChecklist         the checklist version new visits and self-inspections score against unless they
 *                                 name another ({@link Checklists#BUILT_IN} unless configured)
 * @param checklists               versions of the province's rules beside the built-in one (a new year's rules
 *                                 are configured here, under a new version, never by changing an old one)
 * @param rectificationWorkingDays a rectification order without a deadline of its own is due this many working
 *                                 days after the visit
 */
@ConfigurationProperties("sunshine.accreditation.inspection")
public record InspectionProperties(
        @DefaultValue("2026-1") String currentChecklist,
        List<Checklist> checklists,
        @DefaultValue("10") int rectificationWorkingDays) {

    public InspectionProperties {
        checklists = checklists == null ? List.of() : List.copyOf(checklists);
    }
}
