package cn.sunshine.accreditation.notice;

import cn.sunshine.accreditation.tender.TenderOutcomes;
import org.springframework.stereotype.Component;

/** Tells the tender feature whether a tender's result was noticed and finalised. */
@Component
class NoticeOutcomes implements TenderOutcomes {

    private final PublicNoticeRepository notices;

    NoticeOutcomes(PublicNoticeRepository notices) {
        this.notices = notices;
    }

    @Override
    public TenderOutcome outcome(String tenderId) {
        return notices.findByTenderId(tenderId)
                .map(n -> new TenderOutcome(n.getId(), n.getStatus() == NoticeStatus.FINALISED))
                .orElse(TenderOutcome.NONE);
    }
}
