package cn.sunshine.placement.order;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An employer's training order (订单培训) with a base: positions per major (how many, the monthly
 * wage in fen, the place of work); the classes trained for it are linked to it, and placements
 * under it name it.
 */
@Document("placement_orders")
public class TrainingOrder extends AggregateRoot {

    /** Positions of one major. */
    public record Position(String majorCode, int count, long monthlyWageFen, String place) {
    }

    private String employerId;
    private String employerName;
    private String employerCreditCode;
    @Indexed
    private String baseId;
    @Indexed
    private String divisionCode;
    private int year;
    private List<Position> positions;
    @Indexed
    private List<String> classIds;
    private Instant createdAt;
    private String createdBy;

    protected TrainingOrder() {
    }

    static TrainingOrder create(String id, String employerId, String employerName, String employerCreditCode,
                                String baseId, String divisionCode, int year, List<Position> positions, Instant now,
                                String by) {
        long majors = positions.stream().map(Position::majorCode).distinct().count();
        if (majors != positions.size()) {
            throw DomainException.invalidField("positions", Phrase.coded("order.position-twice",
                    "one entry per major"));
        }
        TrainingOrder o = new TrainingOrder();
        o.id = id;
        o.employerId = employerId;
        o.employerName = employerName;
        o.employerCreditCode = employerCreditCode;
        o.baseId = baseId;
        o.divisionCode = divisionCode;
        o.year = year;
        o.positions = List.copyOf(positions);
        o.classIds = new ArrayList<>();
        o.createdAt = now;
        o.createdBy = by;
        return o;
    }

    /** Links a class trained for this order: same base, a major of the order. */
    void link(TrainingClass c) {
        if (!c.getBaseId().equals(baseId)) {
            throw DomainException.invalidField("classId", Phrase.coded("order.class-other-base",
                    "is a class of another base"));
        }
        if (!"ORDER".equals(c.getTrainingForm())) {
            throw DomainException.invalidField("classId", Phrase.coded("order.not-order-class",
                    "is not an order class (training form " + c.getTrainingForm() + ")", c.getTrainingForm()));
        }
        if (position(c.getMajorCode()) == null) {
            throw DomainException.invalidField("classId", Phrase.coded("order.major-not-ordered",
                    "teaches " + c.getMajorCode() + ", which the order does not ask for", c.getMajorCode()));
        }
        if (classIds.contains(c.getId())) {
            throw DomainException.conflict("already-linked", "Already linked", "class " + c.getId() + " is linked to this order");
        }
        List<String> ids = new ArrayList<>(classIds);
        ids.add(c.getId());
        classIds = ids;
    }

    public Position position(String majorCode) {
        return positions.stream().filter(p -> p.majorCode().equals(majorCode)).findFirst().orElse(null);
    }

    public String getEmployerId() {
        return employerId;
    }

    public String getEmployerName() {
        return employerName;
    }

    public String getEmployerCreditCode() {
        return employerCreditCode;
    }

    public String getBaseId() {
        return baseId;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public int getYear() {
        return year;
    }

    public List<Position> getPositions() {
        return positions;
    }

    public List<String> getClassIds() {
        return classIds;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }
}
