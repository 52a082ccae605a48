package cn.sunshine.yeardriver;

import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * Complaints' acts for a county (监督举报): a trainee's relative calls the county's supervision hotline about a
 * base (the office enters the call; the web form's per-address limit would refuse a whole province sent from one
 * driver); the county office assigns it, looks into it and answers it.
 */
final class ComplaintActs extends Acts {

    static final String PHONE = "13907125599";

    ComplaintActs(County county) {
        super(county);
    }

    /** The call is entered by the office: the complainant's name and phone, the base, what they say. */
    void complain() {
        County.Base base = county.bases.get(0);
        county.personalData.add(PHONE);
        JsonNode received = gw.post("/api/accreditation/complaints", officer(),
                new Complaint(code(), new Complainant("学员家属", PHONE), new Subject("BASE", base.id),
                        base.institution.name() + "开班时说的实习补贴没有按时发放。")).expect(201);
        county.complaintId = received.path("id").asString();
    }

    /** The office takes it on, looks into it and answers within the day: not substantiated. */
    void answer() {
        String url = "/api/accreditation/complaints/" + county.complaintId;
        gw.post(url + "/assignment", officer(), new Assignment(null, county.name() + "阳光办")).expect(200);
        gw.post(url + "/investigation", officer(), new Note("调阅实习补贴发放台账，电话回访学员")).expect(200);
        gw.post(url + "/answer", officer(), new Answer(false, List.of(),
                "经查，实习补贴已于当月发放至学员本人账户，举报不属实；已向举报人说明。")).expect(200);
    }

    record Complaint(String divisionCode, Complainant complainant, Subject subject, String statement) {
    }

    record Complainant(String name, String phone) {
    }

    record Subject(String type, String baseId) {
    }

    record Assignment(String handler, String handlerName) {
    }

    record Note(String note) {
    }

    record Answer(boolean substantiated, List<String> findings, String reply) {
    }
}
