package cn.sunshine.platform.test.arch;

import cn.sunshine.platform.test.arch.samples.Samples;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each house rule fails when it is broken on purpose, naming the place, and holds for code that keeps it. */
class HouseRulesTest {

    static JavaClasses of(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    static void breaks(ArchRule rule, Class<?> culprit, String mentioning) {
        assertThatThrownBy(() -> rule.check(of(culprit))).isInstanceOf(AssertionError.class)
                .hasMessageContaining(culprit.getSimpleName()).hasMessageContaining(mentioning);
    }

    static void keeps(ArchRule rule, Class<?>... classes) {
        assertThatCode(() -> rule.check(of(classes))).doesNotThrowAnyException();
    }

    @Test
    void aControllerThatQueriesOrWritesTheDatabaseBreaksTheRule() {
        breaks(HouseRules.CONTROLLERS_SPEAK_HTTP_ONLY, Samples.QueryingController.class, "MongoTemplate");
        breaks(HouseRules.CONTROLLERS_SPEAK_HTTP_ONLY, Samples.WritingController.class, "AggregateStore");
        keeps(HouseRules.CONTROLLERS_SPEAK_HTTP_ONLY, Samples.HttpOnlyController.class, Samples.CleanUseCase.class);
    }

    @Test
    void anAggregateThatAnswersHttpBreaksTheRule() {
        breaks(HouseRules.AGGREGATES_KNOW_NEITHER_WEB_NOR_MESSAGING, Samples.WebAggregate.class, "ResponseEntity");
        keeps(HouseRules.AGGREGATES_KNOW_NEITHER_WEB_NOR_MESSAGING, Samples.CleanAggregate.class);
    }

    @Test
    void publishingPastTheOutboxBreaksTheRule() {
        breaks(HouseRules.EVENTS_LEAVE_ONLY_THROUGH_THE_OUTBOX, Samples.DirectPublisher.class, "RabbitTemplate");
        keeps(HouseRules.EVENTS_LEAVE_ONLY_THROUGH_THE_OUTBOX, Samples.CleanUseCase.class);
    }

    @Test
    void readingTheMachinesTimeBreaksTheRule() {
        breaks(HouseRules.TIME_COMES_FROM_THE_CLOCK, Samples.WallClockReader.class, "Instant.now()");
        keeps(HouseRules.TIME_COMES_FROM_THE_CLOCK, Samples.CleanUseCase.class);
    }

    @Test
    void floatingPointMoneyBreaksTheRule() {
        breaks(HouseRules.MONEY_IS_NEVER_FLOATING_POINT, Samples.FloatingMoney.class, "amountFen");
        keeps(HouseRules.MONEY_IS_NEVER_FLOATING_POINT, Samples.IntegerMoney.class);
    }

    @Test
    void featuresThatNeedEachOtherBreakTheRule() {
        ArchRule rule = HouseRules.featuresHaveNoCycles("cn.sunshine.platform.test.arch.samples.cycle");
        assertThatThrownBy(() -> rule.check(new ClassFileImporter()
                .importPackages("cn.sunshine.platform.test.arch.samples.cycle")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle");
        keeps(rule, cn.sunshine.platform.test.arch.samples.cycle.a.A.class);
    }
}
