package cn.sunshine.accreditation.review;

import cn.sunshine.accreditation.tender.TenderParticipation;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.List;

/** Panel membership for the tender feature: a reviewer who has not recused sees the tender. */
@Component
class PanelMembership implements TenderParticipation {

    private final MongoTemplate mongo;

    PanelMembership(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    private static Criteria seated(String reviewerId) {
        return Criteria.where("members").elemMatch(Criteria.where("reviewerId").is(reviewerId)
                .and("status").ne(PanelMember.Status.RECUSED.name()));
    }

    @Override
    public boolean isPanelMember(String tenderId, String reviewerId) {
        return mongo.exists(Query.query(Criteria.where("tenderId").is(tenderId).andOperator(seated(reviewerId))),
                ReviewPanel.class);
    }

    @Override
    public List<String> tendersReviewedBy(String reviewerId) {
        return mongo.find(Query.query(seated(reviewerId)), ReviewPanel.class).stream()
                .map(ReviewPanel::getTenderId).toList();
    }
}
