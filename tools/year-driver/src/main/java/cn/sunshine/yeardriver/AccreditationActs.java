package cn.sunshine.yeardriver;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Accreditation's acts for a county: its quota ledger, the tender and the institutions' applications, the
 * experts' review and the public notice, an objection from the public, the finalisation that accredits the
 * bases, their quota allocations and the agreements they sign.
 */
final class AccreditationActs extends Acts {

    AccreditationActs(County county) {
        super(county);
    }

    /** The county's quota ledger, opened when the city's allocation reaches it (an event). */
    void awaitQuotaLedger() {
        county.ledgerId = gw.await("the county's quota ledger", EVENTS,
                () -> gw.get("/api/accreditation/quota-ledgers?division=" + code() + "&year=" + county.year, officer()),
                r -> r.is(200) && r.json().path("items").size() > 0).json().path("items").path(0).path("id").asString();
    }

    /** The county office publishes the tender for the majors its institutions teach. */
    void tender() {
        Calendar cal = county.cal;
        List<SoughtMajor> majors = new ArrayList<>();
        for (String m : offeredMajors()) {
            Province.Major major = county.data.major(m);
            majors.add(new SoughtMajor(m, major.name(), Math.max(major.annualCapacity(), county.trainees)));
        }
        Tender body = new Tender(code(), county.year, county.name() + county.year + "年农村劳动力转移培训阳光工程培训基地招标公告",
                List.of("具有独立法人资格，依法登记注册", "有固定的培训场所和实习实训基地",
                        "有稳定的专兼职教师队伍", "有畅通的就业渠道，转移就业率不低于90%"),
                "自愿申报、资格审查、专家评审、实地考察、结果公示（7天）、签订培训转移协议",
                county.name() + "阳光工程办公室（县农业局三楼）",
                List.of("LEGAL_PERSON_CERTIFICATE", "TEACHER_CERTIFICATES", "PLACEMENT_AGREEMENTS"),
                majors,
                List.of(new Criterion("TEACHING", "师资力量与教学质量", 3000),
                        new Criterion("FACILITIES", "场地设施与实训条件", 2500),
                        new Criterion("PLACEMENT", "转移就业能力", 3000),
                        new Criterion("SERVICE", "服务承诺与管理", 1500)),
                100, 60, cal.midnight(3, 3).toString(), cal.midnight(3, 20).toString());
        county.tenderId = gw.post("/api/accreditation/tenders", officer(), body).id();
        gw.post("/api/accreditation/tenders/" + county.tenderId + "/publication", officer(), null).expect(200);
    }

    /** The majors the county's institutions teach (each institution's first two). */
    private List<String> offeredMajors() {
        return county.division.bases().stream().flatMap(b -> b.majors().stream().limit(2)).distinct().toList();
    }

    /** Each of the county's institutions applies, with its own account; the last is the weakest. */
    void applications() {
        List<Province.Institution> institutions = county.division.bases();
        for (int i = 0; i < institutions.size(); i++) {
            Province.Institution inst = institutions.get(i);
            String creditCode = Codes.creditCode("52" + code() + "MJ" + String.format("%07d", Math.floorMod(
                    (inst.name() + code()).hashCode(), 10_000_000)).replace('I', '1').replace('O', '0'));
            String token = actors.applicant(creditCode, code());
            List<ProposedMajor> majors = new ArrayList<>();
            for (String m : inst.majors().stream().limit(2).toList()) {
                majors.add(proposedMajor(inst, i, m));
            }
            Institution institution = new Institution(inst.name(), creditCode, inst.address(), code(),
                    List.of(new Contact(inst.principal(), "校长", "0712-" + (5200000 + i * 1111))));
            List<Document> documents = List.of(
                    document("法人证书.pdf", "LEGAL_PERSON_CERTIFICATE", i),
                    document("教师资格证书.pdf", "TEACHER_CERTIFICATES", i),
                    document("用工单位就业协议.pdf", "PLACEMENT_AGREEMENTS", i));
            String applicationId = gw.post("/api/accreditation/tenders/" + county.tenderId + "/applications", token,
                    new Application(institution, majors, documents)).id();
            // The last institution is the weakest: the experts score it below the passing score.
            county.applicants.add(new County.Applicant(inst, creditCode, token, applicationId,
                    institutions.size() > 2 && i == institutions.size() - 1));
        }
    }

    private ProposedMajor proposedMajor(Province.Institution inst, int i, String m) {
        Province.Major major = county.data.major(m);
        List<PlacementPartner> partners = county.data.employers().stream().filter(e -> e.majors().contains(m)).limit(2)
                .map(e -> new PlacementPartner(e.name(), e.city(), 100)).toList();
        if (partners.isEmpty()) {
            Province.Employer any = county.data.employers().get(0);
            partners = List.of(new PlacementPartner(any.name(), any.city(), 50));
        }
        return new ProposedMajor(m, Math.max(major.annualCapacity(), county.trainees), major.feeFen(), major.days(),
                List.of(new Teacher(inst.principal(), "高级讲师", "JS" + code() + "0" + i),
                        new Teacher("技能教师" + (i + 1), "高级技师（国家职业资格二级）", null)),
                "理论教室2间、实训车间1个，设备" + (20 + i * 5) + "台套", partners, "免费提供食宿", "免费培训、推荐就业、跟踪服务一年");
    }

    private static Document document(String name, String type, int i) {
        String sha = String.format("%064x", new BigInteger(1, (name + type + i).getBytes(StandardCharsets.UTF_8)))
                .substring(0, 64);
        return new Document(name, type, sha.replaceAll("[^0-9a-f]", "0"), 204_800 + i);
    }

    /** The city's expert pool: 孝感市's are the token issuer's demo experts; other cities' are numbered. */
    List<String> experts() {
        String city = county.city.code();
        return city.equals("420900") ? List.of("expert-zhou", "expert-wu", "expert-zheng")
                : List.of("expert-" + city + "-1", "expert-" + city + "-2", "expert-" + city + "-3");
    }

    /** The county office appoints the tender's panel from the city's pool. */
    void appointPanel(List<String> experts) {
        List<String> names = List.of("周教授", "吴高工", "郑研究员");
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < experts.size(); i++) {
            members.add(new Member(experts.get(i), names.get(i)));
        }
        gw.post("/api/accreditation/tenders/" + county.tenderId + "/panel", officer(), new Panel(members)).expect(200, 201);
    }

    /** An expert declares no conflict of interest, inspects and scores every application (the weak one below 60). */
    void score(List<String> experts, String expert) {
        String token = actors.expert(expert, county.city.code());
        gw.post("/api/accreditation/tenders/" + county.tenderId + "/panel/declarations", token,
                new Declaration(true, "本人与各申报单位无利害关系")).expect(200, 201);
        int e = experts.indexOf(expert);
        List<County.Applicant> applicants = county.applicants;
        for (int a = 0; a < applicants.size(); a++) {
            County.Applicant applicant = applicants.get(a);
            int score = applicant.weak() ? 48 + e : 92 - a * 4 - e;
            List<Score> scores = List.of(new Score("TEACHING", score), new Score("FACILITIES", score - 2),
                    new Score("PLACEMENT", score + 1), new Score("SERVICE", score - 1));
            gw.post("/api/accreditation/applications/" + applicant.applicationId() + "/score-sheets", token,
                    new ScoreSheet(scores, new Inspection(county.cal.date(3, 21).toString(), "PASSED", "场地、设备与申报材料相符"),
                            "实地考察属实")).expect(200, 201);
        }
    }

    /** The ranking, complete once every expert scored, is noticed to the public for seven days. */
    void noticeRanking() {
        JsonNode ranking = gw.get("/api/accreditation/tenders/" + county.tenderId + "/ranking", officer()).expect(200);
        if (!ranking.path("complete").asBoolean()) {
            throw new ScenarioFailure(county.name() + ": the ranking is not complete after every expert scored: " + ranking);
        }
        int eligible = (int) county.applicants.stream().filter(a -> !a.weak()).count();
        county.noticeId = gw.post("/api/accreditation/tenders/" + county.tenderId + "/notice", officer(),
                new Notice(eligible, 7)).id();
    }

    /**
     * A member of the public objects to the first-ranked institution: filed, then confirmed with the code sent to
     * the phone (the local run's simulated SMS gateway puts it in the answer as simulatedCode); only a confirmed
     * objection counts. Returns the objection's id.
     */
    String objectToFirstRanked() {
        County.Applicant first = county.applicants.get(0);
        String notice = "/api/public/accreditation/notices/" + county.noticeId;
        JsonNode pending = gw.post(notice + "/objections", null, new Objection("群众来信", "13907120000",
                first.applicationId(), first.institution().name() + "的实训车间是租用的，申报材料中的设备数量有夸大。")).expect(202);
        county.personalData.add("13907120000");
        JsonNode filed = gw.post(notice + "/pending-objections/" + pending.path("confirmationId").asString() + "/confirmation",
                null, new Confirmation(pending.path("simulatedCode").asString())).expect(201);
        return filed.path("id").asString();
    }

    /** The office looks into the objection and dismisses it. */
    void dismissObjection(String objectionId) {
        gw.post("/api/accreditation/notices/" + county.noticeId + "/objections/" + objectionId + "/decision", officer(),
                new ObjectionDecision("DISMISSED", "经实地核查，实训车间租期五年，设备数量与申报相符，异议不成立。")).expect(200);
    }

    /**
     * The notice is over: the finalisation accredits the institutions that passed, which become the county's
     * bases, each with a quota per major (its trainees split over its two majors).
     */
    void finaliseNotice() {
        gw.post("/api/accreditation/notices/" + county.noticeId + "/finalisation", officer(), null).expect(200);
        JsonNode list = gw.get("/api/accreditation/bases?division=" + code() + "&size=100", officer()).expect(200);
        int perBase = Math.max(1, (int) Math.ceil((double) county.trainees
                / county.applicants.stream().filter(a -> !a.weak()).count()));
        for (County.Applicant a : county.applicants) {
            if (a.weak()) {
                continue;
            }
            JsonNode found = null;
            for (JsonNode b : list.path("items")) {
                if (b.path("creditCode").asString().equals(a.creditCode())) {
                    found = b;
                }
            }
            if (found == null) {
                throw new ScenarioFailure(county.name() + ": " + a.institution().name() + " was not accredited by the finalisation");
            }
            County.Base base = new County.Base();
            base.id = found.path("id").asString();
            base.institution = a.institution();
            base.creditCode = a.creditCode();
            base.staff = actors.baseStaff(base.id, code());
            base.majors.addAll(a.institution().majors().stream().limit(2).toList());
            // A base's trainees split over its two majors; quota a little above what it will enroll.
            int left = perBase;
            for (int m = 0; m < base.majors.size(); m++) {
                int share = m == base.majors.size() - 1 ? left : perBase / base.majors.size();
                left -= share;
                base.quota.put(base.majors.get(m), share);
            }
            county.bases.add(base);
        }
    }

    /** The office allocates the base its quota from the county's ledger; the base signs the agreement. */
    void allocateAndAgree(County.Base base) {
        List<Term> terms = new ArrayList<>();
        for (Map.Entry<String, Integer> q : base.quota.entrySet()) {
            int allocation = q.getValue() + Math.max(2, q.getValue() / 10);
            gw.post("/api/accreditation/quota-ledgers/" + county.ledgerId + "/allocations", officer(),
                    new Allocation(base.id, q.getKey(), allocation, "按基地认定的年培训能力和招标结果分配"),
                    key("alloc-" + base.id + "-" + q.getKey())).expect(200, 201);
            terms.add(new Term(q.getKey(), allocation, county.data.major(q.getKey()).feeFen()));
        }
        base.agreementId = gw.post("/api/accreditation/agreements", officer(), new Agreement(base.id, county.year, terms,
                "REDUCED_FEE", county.data.committedPlacementRateBp())).id();
        gw.post("/api/accreditation/agreements/" + base.agreementId + "/signature", base.staff,
                new Signature(base.institution.principal(), "校长")).expect(200);
    }

    // ------------------------------------------------------------------------------------------
    // What the acts send.

    record Tender(String divisionCode, int year, String title, List<String> conditions, String procedure,
                  String whereToApply, List<String> requiredMaterials, List<SoughtMajor> majors, List<Criterion> criteria,
                  int scale, int passingScore, String applicationOpensAt, String applicationClosesAt) {
    }

    record SoughtMajor(String majorCode, String majorName, int capacitySought) {
    }

    record Criterion(String code, String name, int weightBp) {
    }

    record Application(Institution institution, List<ProposedMajor> majors, List<Document> documents) {
    }

    record Institution(String legalName, String creditCode, String address, String divisionCode, List<Contact> contacts) {
    }

    record Contact(String name, String role, String phone) {
    }

    record ProposedMajor(String majorCode, int annualCapacity, long feeStandardFen, int durationDays, List<Teacher> teachers,
                         String facilities, List<PlacementPartner> placementPartners, String livingConditions,
                         String serviceCommitments) {
    }

    /** A teacher; the certificate number only where the application gives one. */
    record Teacher(String name, String qualification, @JsonInclude(JsonInclude.Include.NON_NULL) String certificateNo) {
    }

    record PlacementPartner(String employer, String location, int positionsOffered) {
    }

    record Document(String name, String type, String sha256, int sizeBytes) {
    }

    record Panel(List<Member> members) {
    }

    record Member(String reviewerId, String name) {
    }

    record Declaration(boolean noConflict, String statement) {
    }

    record ScoreSheet(List<Score> scores, Inspection inspection, String comments) {
    }

    record Score(String criterionCode, int score) {
    }

    record Inspection(String visitedOn, String result, String findings) {
    }

    record Notice(int basesToAccredit, int days) {
    }

    record Objection(String name, String phone, String applicationId, String statement) {
    }

    record Confirmation(String code) {
    }

    record ObjectionDecision(String outcome, String reasons) {
    }

    record Allocation(String baseId, String majorCode, int amount, String reason) {
    }

    record Term(String majorCode, int quota, long feeFen) {
    }

    record Agreement(String baseId, int year, List<Term> majors, String subsidyPaymentMode, int committedPlacementRateBp) {
    }

    record Signature(String signatoryName, String signatoryTitle) {
    }
}
