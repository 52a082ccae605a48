package cn.sunshine.platform.test.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

/**
 * The house rules every service keeps (docs/architecture.md "House rules"), as ArchUnit rules a service's
 * own test checks over its main classes ({@link #check(String)}):
 * <ul>
 *   <li>{@link #CONTROLLERS_SPEAK_HTTP_ONLY}: a controller binds, validates and answers; it neither queries nor
 *       writes the database (use-case classes do);</li>
 *   <li>{@link #AGGREGATES_KNOW_NEITHER_WEB_NOR_MESSAGING}: an aggregate is plain domain code;</li>
 *   <li>{@link #EVENTS_LEAVE_ONLY_THROUGH_THE_OUTBOX}: no service code sends to the broker itself — events are
 *       recorded on aggregates with the platform-events contracts and published by the outbox relay;</li>
 *   <li>{@link #TIME_COMES_FROM_THE_CLOCK}: no {@code now()} of the machine's time (the programme's {@code Clock}
 *       is injected, so a year can be played and a test can freeze it);</li>
 *   <li>{@link #MONEY_IS_NEVER_FLOATING_POINT}: amounts are integer fen;</li>
 *   <li>{@link #featuresHaveNoCycles}: the feature packages of a service depend on each other one way.</li>
 * </ul>
 */
public final class HouseRules {

    private HouseRules() {
    }

    private static final DescribedPredicate<JavaClass> A_CONTROLLER = new DescribedPredicate<>("a controller") {
        @Override
        public boolean test(JavaClass c) {
            return c.isAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                    || c.isAnnotatedWith("org.springframework.stereotype.Controller");
        }
    };

    public static final ArchRule CONTROLLERS_SPEAK_HTTP_ONLY = noClasses().that(A_CONTROLLER)
            .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.data.mongodb.core.MongoTemplate")
            .orShould().dependOnClassesThat().resideInAPackage("org.springframework.data.mongodb.core.query..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("cn.sunshine.platform.outbox.AggregateStore")
            .because("controllers speak HTTP only: queries, rules and writes belong to use-case classes")
            .allowEmptyShould(true);

    public static final ArchRule AGGREGATES_KNOW_NEITHER_WEB_NOR_MESSAGING = noClasses()
            .that().areAssignableTo("cn.sunshine.platform.domain.AggregateRoot")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.http..",
                    "jakarta.servlet..", "org.springframework.amqp..", "io.swagger..", "org.springframework.security..")
            .because("an aggregate is plain domain code: its callers speak HTTP and AMQP").allowEmptyShould(true);

    public static final ArchRule EVENTS_LEAVE_ONLY_THROUGH_THE_OUTBOX = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.amqp.rabbit.core.RabbitTemplate")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.amqp.core.AmqpTemplate")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.amqp.rabbit.core.RabbitOperations")
            .because("events cross services only as platform-events contracts recorded on aggregates and published "
                    + "by the outbox relay, in the same write as the state they describe").allowEmptyShould(true);

    public static final ArchRule TIME_COMES_FROM_THE_CLOCK = noClasses()
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(java.time.LocalDate.class, "now")
            .orShould().callMethod(java.time.LocalDateTime.class, "now")
            .orShould().callMethod(java.time.ZonedDateTime.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .because("the programme's time is the injected Clock: a year can be played, a test can freeze it")
            .allowEmptyShould(true);

    public static final ArchRule MONEY_IS_NEVER_FLOATING_POINT = noFields()
            .that().haveNameMatching("(?i).*(fen|amount|money|price|fee|subsidy|wage|total).*")
            .should().haveRawType(double.class).orShould().haveRawType(float.class)
            .orShould().haveRawType(Double.class).orShould().haveRawType(Float.class)
            .because("money is integer fen (docs/api.md): a double cannot hold ¥0.10 exactly").allowEmptyShould(true);

    /** The feature packages below a service's root package ({@code cn.sunshine.placement.(feature)..}) have no cycles. */
    public static ArchRule featuresHaveNoCycles(String rootPackage) {
        return SlicesRuleDefinition.slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles()
                .because("a feature depends on another one way; two that need each other are one feature or share a third")
                .allowEmptyShould(true);
    }

    /** Every rule, for a service whose main classes live below {@code rootPackage}. */
    public static List<ArchRule> all(String rootPackage) {
        return List.of(CONTROLLERS_SPEAK_HTTP_ONLY, AGGREGATES_KNOW_NEITHER_WEB_NOR_MESSAGING,
                EVENTS_LEAVE_ONLY_THROUGH_THE_OUTBOX, TIME_COMES_FROM_THE_CLOCK, MONEY_IS_NEVER_FLOATING_POINT,
                featuresHaveNoCycles(rootPackage));
    }

    /** The service's main classes (no tests, no jars). */
    public static JavaClasses mainClassesOf(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(rootPackage);
    }

    /**
     * Checks every rule over the service's main classes; fails naming each violation. (The two rules that came
     * after the services were written, controllers speaking HTTP only and features without cycles, were first
     * frozen at the violations each service had; every service has mended them all, so every rule is strict.)
     */
    public static void check(String rootPackage) {
        JavaClasses classes = mainClassesOf(rootPackage);
        AssertionError failures = null;
        for (ArchRule rule : all(rootPackage)) {
            try {
                rule.check(classes);
            } catch (AssertionError e) {
                if (failures == null) {
                    failures = new AssertionError("house rules broken in " + rootPackage);
                }
                failures.addSuppressed(e);
            }
        }
        if (failures != null) {
            StringBuilder all = new StringBuilder(failures.getMessage());
            for (Throwable t : failures.getSuppressed()) {
                all.append("\n\n").append(t.getMessage());
            }
            throw new AssertionError(all.toString());
        }
    }
}
