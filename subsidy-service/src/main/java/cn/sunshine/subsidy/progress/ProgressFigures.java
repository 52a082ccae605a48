package cn.sunshine.subsidy.progress;

import cn.sunshine.platform.progress.Tallies;
import cn.sunshine.subsidy.payment.InstructionStatus;
import cn.sunshine.subsidy.payment.PaymentInstruction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * subsidy-service's payment figures as tallies (docs/reports.md): what the bureau paid, per county and programme
 * year, and per county and day of payment, recounted from the instructions as they change, so that a report
 * over a province never reads every instruction. (The funds' figures are read from the funds: one per county
 * and year.)
 */
@Configuration(proxyBeanMethods = false)
public class ProgressFigures {

    public static final String PAID_OF_YEAR = "subsidy.paid.year";
    public static final String PAID_ON_DAY = "subsidy.paid.day";

    @Bean
    Tallies.Figure<PaymentInstruction> paidOfYearFigure() {
        return new Tallies.Figure<>(PAID_OF_YEAR, PaymentInstruction.class,
                i -> new Tallies.Place(i.getDivisionCode(), Integer.toString(i.getYear())),
                Criteria.where("status").is(InstructionStatus.PAID), "amountFen");
    }

    @Bean
    Tallies.Figure<PaymentInstruction> paidOnDayFigure() {
        return new Tallies.Figure<>(PAID_ON_DAY, PaymentInstruction.class,
                i -> i.getPaidAt() == null ? null : new Tallies.Place(i.getDivisionCode(), Tallies.day(i.getPaidAt())),
                Criteria.where("status").is(InstructionStatus.PAID), "amountFen");
    }
}
