package cn.sunshine.placement;

import cn.sunshine.placement.completer.Completer;
import cn.sunshine.platform.events.EventType;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.accreditation.AgreedMajor;
import cn.sunshine.platform.events.accreditation.AgreementSigned;
import cn.sunshine.platform.events.enrollment.TraineeCompleted;
import cn.sunshine.platform.identifiers.CreditCode;
import cn.sunshine.platform.messaging.MessagingProperties;
import cn.sunshine.platform.test.EventTap;
import cn.sunshine.platform.test.GoldenSamples;
import cn.sunshine.platform.test.ServiceTestSupport;
import cn.sunshine.platform.test.TestEvents;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the placement tests share: completions and agreements as enrollment and accreditation publish them, and a report. */
abstract class PlacementTestSupport extends ServiceTestSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    protected RabbitTemplate rabbit;
    @Autowired
    protected MessagingProperties messaging;
    @Autowired
    protected MongoTemplate mongo;

    /** Publishes {@code n} completions of one class and waits until placement keeps them; returns the enrollment ids. */
    protected List<String> complete(int n, String classId, String baseId, String division, int year) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String enrollmentId = UUID.randomUUID().toString();
            ids.add(enrollmentId);
            TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.TRAINEE_COMPLETED,
                    new TraineeCompleted(enrollmentId, classId, baseId, division, "WELDING", year, "学员" + i,
                            division + "********" + String.format("%04d", i), "YC" + year + "-" + i, null, null,
                            Instant.parse(year + "-06-20T02:00:00Z"), "base-staff-" + baseId),
                    enrollmentId, division);
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                mongo.count(Query.query(Criteria.where("_id").in(ids)), Completer.class) == n);
        return ids;
    }

    protected void agree(String baseId, String division, int year, int committedBp) {
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.AGREEMENT_SIGNED,
                new AgreementSigned(UUID.randomUUID().toString(), 1, baseId, division, year,
                        List.of(new AgreedMajor("WELDING", "电焊", 300, 60000)), "REDUCED_FEE", committedBp,
                        "county-officer-" + division, Instant.parse(year + "-06-01T02:00:00Z"), "李校长（校长）",
                        "base-staff-" + baseId, Instant.parse(year + "-06-02T02:00:00Z"), null),
                baseId, division);
    }

    /** A unified social credit code with a correct GB 32100 check character. */
    protected static String creditCode(int n) {
        String first17 = "91420981MA4" + String.format("%06d", n);
        return first17 + CreditCode.checkCharacter(first17);
    }

    protected static Map<String, Object> placeBody(String enrollmentId, LocalDate start) {
        return Map.of("enrollmentId", enrollmentId,
                "employer", Map.of("name", "武汉江城重工有限公司", "creditCode", creditCode(7),
                        "address", "武汉市江夏区庙山大道8号", "hrPhone", "027-87654321"),
                "job", "电焊工", "monthlyWageFen", 520000, "startDate", start.toString(),
                "workplace", "IN_PROVINCE", "contractSigned", true);
    }

    /** The {@code field} of each of the items of a page (or of a spot check), in order. */
    protected static List<String> itemValues(JsonNode page, String field) {
        List<String> values = new ArrayList<>();
        page.path("items").forEach(i -> values.add(i.path(field).asText()));
        return values;
    }

    /** {@link #placeBody(String, LocalDate)} with the fields {@code with} names set to other values. */
    protected static Map<String, Object> placeBody(String enrollmentId, LocalDate start, Map<String, Object> with) {
        Map<String, Object> body = new HashMap<>(placeBody(enrollmentId, start));
        body.putAll(with);
        return body;
    }

    /** The events of a type published for a subject, once the tap has them. */
    protected static List<EventTap.Tapped> published(EventType<?> type, java.util.function.Predicate<JsonNode> which,
                                                     int atLeast) {
        await().atMost(Duration.ofSeconds(15)).until(() ->
                tap.ofType(type.name()).stream().filter(t -> which.test(JSON.readTree(t.body()))).count() >= atLeast);
        return tap.ofType(type.name()).stream().filter(t -> which.test(JSON.readTree(t.body()))).toList();
    }

    /** The published body has exactly the golden sample's fields, each of the same JSON kind (values differ). */
    protected static void assertGoldenShape(EventType<?> type, String body) {
        JsonNode sample = GoldenSamples.sample(type);
        JsonNode actual = JSON.readTree(body);
        List<String> sampleFields = new ArrayList<>();
        sample.propertyNames().forEach(sampleFields::add);
        List<String> actualFields = new ArrayList<>();
        actual.propertyNames().forEach(actualFields::add);
        assertThat(actualFields).as("%s fields", type.name()).containsExactlyInAnyOrderElementsOf(sampleFields);
        for (String f : sampleFields) {
            JsonNode s = sample.get(f);
            JsonNode a = actual.get(f);
            if (!s.isNull() && !a.isNull()) {
                assertThat(a.getNodeType()).as("%s.%s kind", type.name(), f).isEqualTo(s.getNodeType());
            }
        }
    }
}
