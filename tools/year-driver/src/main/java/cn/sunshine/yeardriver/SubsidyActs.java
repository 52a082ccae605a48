package cn.sunshine.yeardriver;

import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Subsidy's acts for a county: the fund's deposits and the split of the subsidy, the vouchers issued and
 * redeemed, the bases' claims through 核准 → 审批 → (extra) → 复核, the finance bureau's payments, and the
 * recovery of what a false placement was paid.
 */
final class SubsidyActs extends Acts {

    static final int COMPLETION_SHARE_BP = 7000;
    static final String VERIFIED = "已核对台帐、代金券和身份证复印件，数量金额相符";

    SubsidyActs(County county) {
        super(county);
    }

    /**
     * The finance clerk records each source's deposit to the county's fund (per head × the county's quota); the
     * bureau's second person confirms it from the earmarked account's statement: only then it counts.
     */
    void depositFunds() {
        String finance = actors.financeOfficer(code());
        Map<String, Long> perHead = county.data.fundingPerHeadFen();
        String[][] sources = {{"CENTRAL", "central", "中央财政阳光工程补助资金"}, {"PROVINCIAL", "provincial", "省级配套资金"},
                {"CITY", "city", "市级配套资金"}};
        for (String[] s : sources) {
            long amount = perHead.getOrDefault(s[1], 0L) * county.division.quota();
            if (amount > 0) {
                String reference = s[2] + " " + code() + "-" + county.year + "-" + s[0];
                JsonNode recorded = gw.post("/api/subsidy/funds/deposits", finance,
                        new Deposit(code(), county.year, s[0], amount, reference)).expect(200, 201);
                for (JsonNode d : recorded.path("pendingDeposits")) {
                    if (reference.equals(d.path("reference").asString())) {
                        gw.post("/api/subsidy/funds/" + code() + "/" + county.year + "/deposits/"
                                        + d.path("depositId").asString() + "/confirmation", actors.financeChecker(code()),
                                new Receipt(reference, amount)).expect(200);
                    }
                }
                county.depositedFen += amount;
            }
        }
    }

    /** The county office decides the split: 70 % on completion, the rest by the placements. */
    void splitPolicy() {
        gw.post("/api/subsidy/split-policies", officer(), new SplitPolicy(code(), county.year, COMPLETION_SHARE_BP,
                "县阳光办决定：结业后拨付补助的70%，按实际转移就业人数拨付其余30%")).expect(200, 201);
    }

    /** The county office issues the class's vouchers, once subsidy knows its standing trainees (events). */
    void issueVouchers(County.Klass k) {
        long standing = k.trainees.stream().filter(County.Trainee::standing).count();
        JsonNode issued = gw.await("subsidy to know the class's " + standing + " trainees", EVENTS,
                () -> gw.post("/api/subsidy/classes/" + k.id + "/vouchers", officer(), null),
                r -> r.is(201) && r.json().size() == standing).json();
        Map<String, JsonNode> byEnrollment = new LinkedHashMap<>();
        issued.forEach(v -> byEnrollment.put(v.path("enrollmentId").asString(), v));
        for (County.Trainee t : k.trainees) {
            JsonNode v = byEnrollment.get(t.enrollmentId);
            if (t.standing() && v == null) {
                throw new ScenarioFailure("no voucher issued for enrollment " + t.enrollmentId);
            }
            if (v != null) {
                t.voucherSerial = v.path("serial").asString();
                t.voucherCode = v.path("code").asString();
            }
        }
    }

    /** The base collects the class's vouchers at the first lesson and redeems them in one batch (收券). */
    void redeemVouchers(County.Klass k) {
        List<Redemption> redemptions = k.trainees.stream().filter(t -> t.standing() && !t.dropped)
                .map(t -> new Redemption(t.voucherSerial, t.voucherCode, t.enrollmentId)).toList();
        if (!redemptions.isEmpty()) {
            gw.post("/api/subsidy/classes/" + k.id + "/voucher-redemptions", k.base.staff, new Redemptions(redemptions),
                    REPEATABLE).expect(200);
        }
    }

    /** The base claims the part of the subsidy for these vouchers; the county approves it through every stage. */
    String claimAndApprove(County.Klass k, List<String> serials, String part) {
        String id = submitClaim(k, serials, part, part + "-" + k.id);
        verify(id);
        JsonNode approved = decide(id, "approval", actors.countyLeader(code()), "同意");
        if ("EXTRA_APPROVAL".equals(approved.path("waitingFor").asString())) {
            decide(id, "extra-approval", actors.cityOfficer(county.city.code()), "金额较大，市阳光办复审同意");
        }
        decide(id, "recheck", actors.financeOfficer(code()), "复核无误，同意拨付");
        return id;
    }

    /**
     * The base's claim, accepted once subsidy has learnt of the completions (and placements) it claims for, as
     * events. Returns the claim's id.
     */
    String submitClaim(County.Klass k, List<String> serials, String part, String idempotencyKey) {
        Claim body = new Claim(k.id, serials, part, documents(k, part, idempotencyKey));
        return gw.await("subsidy to accept the " + part + " claim of class " + k.id, EVENTS,
                () -> gw.post("/api/subsidy/claims", k.base.staff, body, key(idempotencyKey)),
                r -> r.is(200) || r.is(201)).json().path("claimId").asString();
    }

    /** 核准: the county office has checked the claim against the ledger, the vouchers and the ID copies. */
    void verify(String claimId) {
        decide(claimId, "verification", officer(), VERIFIED);
    }

    private JsonNode decide(String claimId, String stage, String token, String reason) {
        return gw.post("/api/subsidy/claims/" + claimId + "/" + stage, token, new Decision("APPROVE", reason)).expect(200);
    }

    /** The finance clerk sends the ordered instructions now and waits until each claim is paid. */
    void pay() {
        String finance = actors.financeOfficer(code());
        gw.post("/api/subsidy/payment-runs", finance, new PaymentRun("阳光工程补助资金拨付")).expect(200);
        for (County.Klass k : county.classes()) {
            for (String claimId : new String[]{k.completionClaimId, k.placementClaimId}) {
                if (claimId != null) {
                    gw.await("claim " + claimId + " to be paid", EVENTS, () -> {
                        Api.Response r = gw.get("/api/subsidy/claims/" + claimId, finance);
                        if (r.is(200) && !"PAID".equals(r.json().path("status").asString())) {
                            gw.post("/api/subsidy/payment-runs", finance, new PaymentRun("补发")).expect(200);
                        }
                        return r;
                    }, r -> r.is(200) && "PAID".equals(r.json().path("status").asString()));
                }
            }
        }
    }

    /**
     * The base repays the placement share paid for the false placement; the finance clerk records the receipt
     * and the bureau's second person confirms it from the account's statement (the fund is credited).
     */
    void recovery() {
        if (county.falsePlacementBaseId == null) {
            return;
        }
        String finance = actors.financeOfficer(code());
        JsonNode orders = gw.await("the recovery ordered from the spot-check finding", EVENTS,
                () -> gw.get("/api/subsidy/bases/" + county.falsePlacementBaseId + "/recoveries", finance),
                r -> r.is(200) && r.json().size() > 0).json();
        int n = 0;
        for (JsonNode order : orders) {
            String status = order.path("status").asString();
            if (!"OPEN".equals(status) && !"SETTLEMENT_RECORDED".equals(status)) {
                continue;
            }
            String path = "/api/subsidy/recoveries/" + order.path("recoveryId").asString() + "/settlement";
            String reference = "缴款书 " + code() + "-" + county.year + "-" + String.format("%04d", ++n);
            long amount = order.path("amountFen").asLong();
            if ("OPEN".equals(status)) {
                gw.post(path, finance, new Receipt(reference, amount)).expect(200);
            } else {
                reference = order.path("settlement").path("reference").asString(reference);
            }
            gw.post(path + "/confirmation", actors.financeChecker(code()), new Receipt(reference, amount)).expect(200);
        }
    }

    // ------------------------------------------------------------------------------------------
    // What the acts send.

    record Deposit(String divisionCode, int year, String source, long amountFen, String reference) {
    }

    /** A deposit or a recovery's settlement, as recorded and as confirmed from the account's statement. */
    record Receipt(String reference, long amountFen) {
    }

    record SplitPolicy(String divisionCode, int year, int completionShareBp, String reason) {
    }

    record Redemptions(List<Redemption> redemptions) {
    }

    record Redemption(String serial, String code, String enrollmentId) {
    }

    record Claim(String classId, List<String> voucherSerials, String part, List<String> attachmentIds) {
    }

    /**
     * The documents the county's rules require with a claim (docs/subsidy.md "Claim documents"), scanned to small
     * PDFs and uploaded for the class: the training subsidy the fee receipts (收据) and ID copies (身份证复印件), the
     * placement part the labour contracts (劳动合同) and the employer's signed list (用工单位签字名单). Their ids.
     */
    private List<String> documents(County.Klass k, String part, String idempotencyKey) {
        List<String[]> kinds = "PLACEMENT".equals(part)
                ? List.of(new String[]{"LABOUR_CONTRACT", "劳动合同"}, new String[]{"EMPLOYER_LIST", "用工单位签字名单"})
                : List.of(new String[]{"FEE_RECEIPT", "收据"}, new String[]{"ID_COPY", "身份证复印件"});
        List<String> ids = new java.util.ArrayList<>();
        for (String[] kind : kinds) {
            byte[] pdf = ("%PDF-1.4\n% " + kind[0] + " " + k.id + " " + idempotencyKey + "\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                    + "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ids.add(gw.await("subsidy to take the " + kind[0] + " of class " + k.id, EVENTS,
                    () -> gw.postFile("/api/subsidy/classes/" + k.id + "/claim-attachments", k.base.staff,
                            java.util.Map.of("kind", kind[0]), kind[1] + "-" + k.id + ".pdf", pdf,
                            key(idempotencyKey + "-" + kind[0])),
                    r -> r.is(201)).json().path("id").asString());
        }
        return ids;
    }

    record Decision(String decision, String reason) {
    }

    record PaymentRun(String note) {
    }
}
