package cn.sunshine.subsidy.disclosure;

import cn.sunshine.platform.time.ProgramCalendar;
import cn.sunshine.platform.identifiers.PersonalData;
import cn.sunshine.platform.web.PageResult;
import cn.sunshine.subsidy.disclosure.DisclosureDtos.Recipient;
import cn.sunshine.subsidy.claim.Claim;
import cn.sunshine.subsidy.claim.ClaimPart;
import cn.sunshine.subsidy.claim.ClaimStatus;
import cn.sunshine.subsidy.recovery.RecoveredLine;
import cn.sunshine.subsidy.recovery.RecoveredLines;
import cn.sunshine.subsidy.recovery.RecoveryOrder;
import cn.sunshine.subsidy.recovery.RecoveryStatus;
import cn.sunshine.subsidy.voucher.Trainee;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * 公示: the subsidised trainees of each base and class — name, masked ID number, amount, date paid — readable
 * without a token. Only paid lines of paid claims appear; ID numbers are masked at the source. Each line shows
 * what was recovered from it ({@code recoveredFen}: settled recovery orders), what is being recovered
 * ({@code recoveryDueFen}: in an order not yet settled, or a placement part paid for a trainee whose placement a
 * spot check disproved) and the net ({@code netFen = amountFen − recoveredFen − recoveryDueFen}). The page is cut
 * in the database: one line per document of an aggregation, never the county's claims in memory.
 */
@Service
public class Recipients {

    private static final ZoneId CHINA = ProgramCalendar.ZONE;

    private final MongoTemplate mongo;
    private final RecoveredLines recoveredLines;

    public Recipients(MongoTemplate mongo, RecoveredLines recoveredLines) {
        this.mongo = mongo;
        this.recoveredLines = recoveredLines;
    }

    /** A page of the paid lines of a county's paid claims (and of a base, a class, a year). */
    public PageResult<Recipient> page(String divisionCode, String baseId, String classId, Integer year, Integer page,
                                      Integer size) {
        var pr = PageResult.request(page, size, Sort.unsorted());
        Document match = new Document("divisionCode", divisionCode).append("status", ClaimStatus.PAID.name());
        if (baseId != null) {
            match.append("baseId", baseId);
        }
        if (classId != null) {
            match.append("classId", classId);
        }
        if (year != null) {
            match.append("year", year);
        }
        // One document per paid line: the claim's lines less its stopped ones (never paid), unwound.
        List<Document> lines = List.of(
                new Document("$match", match),
                new Document("$project", new Document("baseId", 1).append("baseName", 1).append("classId", 1)
                        .append("paymentMode", 1).append("part", 1).append("paidAt", 1)
                        .append("lines", new Document("$filter", new Document("input", "$lines").append("as", "l")
                                .append("cond", new Document("$not", List.of(new Document("$in", List.of("$$l.enrollmentId",
                                        new Document("$map", new Document("input", new Document("$ifNull",
                                                List.of("$stoppedLines", List.of()))).append("as", "s")
                                                .append("in", "$$s.enrollmentId")))))))))),
                new Document("$unwind", new Document("path", "$lines").append("includeArrayIndex", "lineIndex")));
        String claims = mongo.getCollectionName(Claim.class);
        List<Document> counting = new ArrayList<>(lines);
        counting.add(new Document("$count", "total"));
        Document counted = mongo.getCollection(claims).aggregate(counting).first();
        long total = counted == null ? 0 : ((Number) counted.get("total")).longValue();
        List<Document> paging = new ArrayList<>(lines);
        paging.add(new Document("$sort", new Document("paidAt", 1).append("_id", 1).append("lineIndex", 1)));
        paging.add(new Document("$skip", pr.getOffset()));
        paging.add(new Document("$limit", pr.getPageSize()));
        List<Document> rows = total <= pr.getOffset() ? List.of()
                : mongo.getCollection(claims).aggregate(paging).allowDiskUse(true).into(new ArrayList<>());
        return new PageResult<>(recipients(rows), pr.getPageNumber(), pr.getPageSize(), total);
    }

    /** The page's lines, with what recovery orders took from them and what disproved placements owe. */
    private List<Recipient> recipients(List<Document> rows) {
        Set<String> keys = new HashSet<>();
        Set<String> placementTrainees = new HashSet<>();
        for (Document r : rows) {
            Document l = r.get("lines", Document.class);
            keys.add(RecoveredLine.key(r.getString("_id"), l.getString("enrollmentId"), part(r)));
            if (part(r) == ClaimPart.PLACEMENT) {
                placementTrainees.add(l.getString("enrollmentId"));
            }
        }
        Map<String, RecoveredLine> taken = recoveredLines.byKeys(keys);
        Set<String> orderIds = taken.values().stream().map(RecoveredLine::getRecoveryId).collect(Collectors.toSet());
        Map<String, RecoveryStatus> statusOf = orderIds.isEmpty() ? Map.of()
                : mongo.find(Query.query(Criteria.where("_id").in(orderIds)), RecoveryOrder.class).stream()
                .collect(Collectors.toMap(RecoveryOrder::getId, RecoveryOrder::getStatus));
        Set<String> disproved = placementTrainees.isEmpty() ? Set.of()
                : mongo.find(Query.query(Criteria.where("_id").in(placementTrainees).and("disprovedByFinding").ne(null)),
                Trainee.class).stream().map(Trainee::getId).collect(Collectors.toSet());
        List<Recipient> out = new ArrayList<>();
        for (Document r : rows) {
            Document l = r.get("lines", Document.class);
            String enrollmentId = l.getString("enrollmentId");
            ClaimPart part = part(r);
            long amount = ((Number) l.get("amountFen")).longValue();
            RecoveredLine t = taken.get(RecoveredLine.key(r.getString("_id"), enrollmentId, part));
            RecoveryStatus s = t == null ? null : statusOf.get(t.getRecoveryId());
            long recovered = s == RecoveryStatus.SETTLED ? amount : 0;
            long due = s != null && s.holds() ? amount
                    : s == null && part == ClaimPart.PLACEMENT && disproved.contains(enrollmentId) ? amount : 0;
            Date paidAt = r.getDate("paidAt");
            out.add(new Recipient(r.getString("baseId"), r.getString("baseName"), r.getString("classId"),
                    l.getString("traineeName"), PersonalData.maskIdNumber(l.getString("maskedIdNumber")), amount,
                    paidAt == null ? null : paidAt.toInstant().atZone(CHINA).toLocalDate().toString(),
                    r.getString("paymentMode"), part.name(), recovered, due, amount - recovered - due));
        }
        return out;
    }

    private static ClaimPart part(Document claim) {
        String p = claim.getString("part");
        return p == null ? ClaimPart.COMPLETION : ClaimPart.valueOf(p);
    }
}
