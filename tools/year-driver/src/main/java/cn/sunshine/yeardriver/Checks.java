package cn.sunshine.yeardriver;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What must hold at the end of the year, read back from the services through the gateway (and
 * each service's operator endpoints for its outbox and dead letters): conservation across services,
 * every fen accounted for, the progress report equal to each service's own figures.
 */
public final class Checks {

    /** The checks' outcome: every check made (for the record) and those that failed. */
    public record Result(List<String> passed, List<String> failed, Map<String, Long> totals) {

        public boolean ok() {
            return failed.isEmpty();
        }
    }

    private final Api gw;
    private final Actors actors;
    private final ProvinceYear.Options options;
    private final Province data;
    private final List<County> counties;
    private final List<String> passed = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private final Map<String, Long> totals = new LinkedHashMap<>();

    /** The wall clock of the run (the bureau's statement days); a test fixes it. */
    private final java.time.Clock wallClock;
    /** The finance bureau's statement, read once for every county's checks. */
    private final BureauStatement bureau;

    Checks(Api gw, Actors actors, ProvinceYear.Options options, Province data, List<County> counties,
           java.time.Clock wallClock) {
        this(gw, actors, options, data, counties, wallClock, new BureauStatement(wallClock));
    }

    private Checks(Api gw, Actors actors, ProvinceYear.Options options, Province data, List<County> counties,
                   java.time.Clock wallClock, BureauStatement bureau) {
        this.bureau = bureau;
        this.wallClock = wallClock;
        this.gw = gw;
        this.actors = actors;
        this.options = options;
        this.data = data;
        this.counties = counties;
    }

    private void check(boolean ok, String what) {
        (ok ? passed : failed).add(what);
    }

    private void equal(Object expected, Object actual, String what) {
        check(java.util.Objects.equals(expected, actual), what + ": expected " + expected + ", found " + actual);
    }

    /**
     * The finance bureau's own statement (its days of this run, read from the bureau as an auditor would
     * ask it) holds each instruction we hold PAID exactly once, with the same amount: no fen paid twice,
     * none lost.
     */
    private void bureauStatement(String name, Map<String, Long> paidById) {
        Map<String, Long> statement = new LinkedHashMap<>();
        Map<String, Integer> times = new LinkedHashMap<>();
        for (Map.Entry<String, List<Long>> e : bureau.statement().entrySet()) {
            if (paidById.containsKey(e.getKey())) {
                statement.put(e.getKey(), e.getValue().stream().mapToLong(Long::longValue).sum());
                times.put(e.getKey(), e.getValue().size());
            }
        }
        long ours = paidById.values().stream().mapToLong(Long::longValue).sum();
        long theirs = statement.values().stream().mapToLong(Long::longValue).sum();
        equal(ours, theirs, name + ": the bureau's statement = Σ PAID instructions (fen)");
        equal(paidById.size(), statement.size(), name + ": the bureau's statement = Σ PAID instructions (count)");
        check(times.values().stream().allMatch(n -> n == 1), name + ": no instruction paid twice by the bureau");
    }

    /**
     * The finance bureau's statement of the run's days (yesterday to tomorrow by its own calendar, the wall clock's,
     * not the programme's), read once as an auditor would ask the bureau for it: each instruction's payments.
     */
    static final class BureauStatement {
        private final java.time.Clock wallClock;
        private Map<String, List<Long>> paymentsByInstruction;

        BureauStatement(java.time.Clock wallClock) {
            this.wallClock = wallClock;
        }

        synchronized Map<String, List<Long>> statement() {
            if (paymentsByInstruction != null) {
                return paymentsByInstruction;
            }
            String url = System.getProperty("sunshine.bureau",
                    System.getenv().getOrDefault("SUNSHINE_FINANCE_BUREAU_URL", "http://127.0.0.1:8090"));
            Api bureau = new Api(url);
            java.time.LocalDate today = java.time.LocalDate.now(wallClock.withZone(java.time.ZoneId.of("Asia/Shanghai")));
            Map<String, List<Long>> payments = new java.util.HashMap<>();
            for (java.time.LocalDate d = today.minusDays(1); !d.isAfter(today.plusDays(1)); d = d.plusDays(1)) {
                Api.Response r = bureau.get("/api/v1/statements?date=" + d, null);
                if (!r.is(200)) {
                    continue;
                }
                for (JsonNode e : r.json().path("entries")) {
                    payments.computeIfAbsent(e.path("instructionId").asString(), k -> new ArrayList<>())
                            .add(e.path("amountFen").asLong());
                }
            }
            paymentsByInstruction = payments;
            return payments;
        }
    }

    private void add(String key, long n) {
        totals.merge(key, n, Long::sum);
    }

    Result run() {
        awaitQuiet();
        // Each county's checks read only that county's records (and the bureau's statement, read once): they run side
        // by side as the year's stages do, each into its own findings, which are then taken in the counties' order.
        List<Checks> each = counties.stream().map(c -> new Checks(this, c)).toList();
        ProvinceYear.inParallel(each, Checks::countyAlone, options.parallelism());
        for (Checks one : each) {
            passed.addAll(one.passed);
            failed.addAll(one.failed);
            one.totals.forEach(this::add);
        }
        reportsAbove();
        deliveries();
        return new Result(List.copyOf(passed), List.copyOf(failed), Map.copyOf(totals));
    }

    /** The checks of one county, with its own findings (the parent's reads and statement shared). */
    private Checks(Checks parent, County county) {
        this(parent.gw, parent.actors, parent.options, parent.data, List.of(county), parent.wallClock, parent.bureau);
    }

    private void countyAlone() {
        county(counties.get(0));
    }

    /**
     * The year's complaint was answered on time, its contact masked to the office (no handler reads it here:
     * the county officer who answered it does), and the public statistics count it.
     */
    /**
     * The supervision visit's rectification order was closed before its deadline (not overdue), the base's
     * acceptance passed, and both reached the base's year for the annual review.
     */
    private void inspection(County c, String name, String officer, int year) {
        if (c.rectificationOrderUrl == null) {
            return;
        }
        add("rectification orders closed", 1);
        JsonNode order = gw.get(c.rectificationOrderUrl, officer).expect(200);
        equal("CLOSED", order.path("status").asString(), name + ": the rectification order is closed");
        check(order.path("correctedOnTime").asBoolean() && !order.path("overdue").asBoolean(),
                name + ": the rectification was corrected before its deadline " + order.path("deadline").asString());
        equal(0L, gw.get("/api/accreditation/rectification-orders?overdue=true&year=" + year, officer).expect(200)
                .path("total").asLong(), name + ": no rectification order is overdue");
        JsonNode acceptance = gw.get("/api/accreditation/acceptance-records/" + c.acceptanceId, officer).expect(200);
        check(acceptance.path("passed").asBoolean(), name + ": the year-end acceptance passed: " + acceptance);
        equal((long) InspectionActs.ACCEPTANCE_SCORE, acceptance.path("score").asLong(), name + ": the acceptance score");
        String baseId = acceptance.path("baseId").asString();
        gw.await(name + ": the finding and the acceptance reach the base's year", Acts.EVENTS, () ->
                gw.get("/api/accreditation/bases/" + baseId + "/performance?year=" + year, officer),
                r -> r.json() != null && r.json().path("acceptancePassed").asBoolean()
                        && r.json().path("findings").toString().contains(InspectionActs.FINDING));
    }

    private void complaint(County c, String name, String officer, int year) {
        if (c.complaintId == null) {
            return;
        }
        add("complaints answered", 1);
        JsonNode complaint = gw.get("/api/accreditation/complaints/" + c.complaintId, officer).expect(200);
        equal("ANSWERED", complaint.path("status").asString(), name + ": the complaint is answered");
        check(complaint.path("answer").path("onTime").asBoolean(), name + ": the complaint was answered on time");
        equal(ComplaintActs.PHONE, complaint.path("complainant").path("phone").asString(),
                name + ": the handling officer reads the complainant's phone whole");
        JsonNode leader = gw.get("/api/accreditation/complaints/" + c.complaintId, actors.countyLeader(c.code())).expect(200);
        check(leader.path("complainant").path("masked").asBoolean()
                        && !leader.toString().contains(ComplaintActs.PHONE),
                name + ": anyone but the handling officer reads the complainant's phone masked");
        JsonNode stats = gw.get("/api/public/accreditation/complaint-statistics?year=" + year + "&division=" + c.code(), null)
                .expect(200).path("counties").path(0);
        check(stats.path("answered").asLong() >= 1 && stats.path("answeredOnTime").asLong() >= 1
                        && stats.path("received").asLong() >= stats.path("answered").asLong(),
                name + ": the public complaint statistics count the answered complaint: " + stats);
    }

    /** Events still travelling (the last stage's) are given time to arrive before anything is read. */
    private void awaitQuiet() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && pendingEvents() > 0) {
            Api.sleep(500);
        }
        Api.sleep(1000); // the last ones handed to the broker reach their consumers
    }

    private long pendingEvents() {
        long n = 0;
        for (String service : options.services()) {
            Api.Response r = new Api(service).get("/actuator/prometheus", actors.operator());
            if (!r.is(200)) {
                continue;
            }
            for (String line : r.body().split("\n")) {
                if (line.startsWith("sunshine_outbox_pending")) {
                    n += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return n;
    }

    private void county(County c) {
        String name = c.name() + " " + c.code();
        String officer = actors.countyOfficer(c.code());
        int year = options.year();
        List<County.Trainee> all = c.allTrainees();
        long enrolled = all.stream().filter(County.Trainee::standing).count();
        long completed = all.stream().filter(t -> t.completed).count();
        // A placement the spot check disproved (not employed as reported) is no placement: it leaves every figure.
        long placed = all.stream().filter(t -> t.placementId != null && !t.falsePlacement).count();
        add("placements disproved", all.stream().filter(t -> t.placementId != null && t.falsePlacement).count());
        add("trainees enrolled", enrolled);
        add("trainees completed", completed);
        add("trainees placed", placed);

        // The services' own figures for the year.
        Map<String, JsonNode> own = new LinkedHashMap<>();
        for (String area : List.of("accreditation", "enrollment", "placement", "subsidy")) {
            own.put(area, gw.get("/api/" + area + "/progress?division=" + c.code() + "&from=" + year + "-01-01&to=" + year
                    + "-12-31", officer).expect(200).path("figures"));
        }
        long quota = own.get("accreditation").path("quota").asLong();
        long enrolledSaid = own.get("enrollment").path("enrolled").asLong();
        long completedSaid = own.get("enrollment").path("completed").asLong();
        long placedSaid = own.get("placement").path("placed").asLong();
        equal((long) c.division.quota(), quota, name + ": the county's quota is what the city allocated");
        equal(enrolled, enrolledSaid, name + ": enrolled (withdrawn trainees do not count)");
        equal(completed, completedSaid, name + ": completed");
        equal(placed, placedSaid, name + ": placed (first placements, less those disproved)");
        check(completedSaid <= enrolledSaid && enrolledSaid <= quota,
                name + ": completed " + completedSaid + " ≤ enrolled " + enrolledSaid + " ≤ quota " + quota);
        check(placedSaid <= completedSaid, name + ": placed " + placedSaid + " ≤ completed " + completedSaid);
        JsonNode rate = gw.get("/api/placement/rates?year=" + year + "&divisionCode=" + c.code(), officer).expect(200);
        equal(completed, rate.path("completed").asLong(), name + ": placement's completers");
        equal(placed, rate.path("placed").asLong(), name + ": placement's placed");
        check(placed * 10000 >= (long) data.committedPlacementRateBp() * completed,
                name + ": the placement rate " + rate.path("rateBp").asLong() + " bp meets the commitment");
        equal((long) c.bases.size(), own.get("accreditation").path("basesAccredited").asLong(), name + ": bases accredited");
        equal((long) data.committedPlacementRateBp(), own.get("accreditation").path("committedPlacementRateBp").asLong(),
                name + ": committed placement rate");
        complaint(c, name, officer, year);
        inspection(c, name, officer, year);
        // The supervision in the progress report: the county's complaint (answered, not substantiated) and the
        // supervision visit's finding, as the report's figures count them.
        equal(c.complaintId == null ? 0L : 1L, own.get("accreditation").path("complaintsReceived").asLong(),
                name + ": complaints received in the report");
        equal(0L, own.get("accreditation").path("complaintsSubstantiated").asLong(), name + ": complaints substantiated");
        equal(c.rectificationOrderUrl == null ? 0L : 1L, own.get("accreditation").path("inspectionFindings").asLong(),
                name + ": inspection findings in the report");
        List<String> monitoring = MonitoringActs.check(gw, officer, c, completed, placed);
        monitoring.forEach(f -> check(false, f));
        check(monitoring.isEmpty(), name + ": the monitoring trends add up");

        // Teaching records (issue 19): each class's lessons held and attended by those who sat; the list's match found.
        for (County.Klass k : c.classes()) {
            if (k.lessonHours > 0) {
                JsonNode att = gw.get("/api/enrollment/classes/" + k.id + "/attendance", officer).expect(200);
                equal((long) k.lessonHours, att.path("hoursHeld").asLong(), name + ": class " + k.id + " teaching hours");
                long full = 0;
                for (JsonNode t : att.path("trainees")) {
                    full += t.path("hoursAttended").asLong() == k.lessonHours ? 1 : 0;
                }
                equal((long) EnrollmentActs.sitting(k).size(), full, name + ": class " + k.id
                        + " trainees who attended every hour (those who sat)");
            }
        }
        if (c.doubleFundedEnrollmentId != null) {
            boolean reported = false;
            for (JsonNode m : gw.get("/api/enrollment/funding-matches?year=" + year + "&size=500", officer).expect(200)
                    .path("items")) {
                reported |= c.doubleFundedEnrollmentId.equals(m.path("enrollmentId").asString())
                        && m.path("enrolledBeforeImport").asBoolean();
            }
            check(reported, name + ": the trainee another programme funds for overlapping days is reported after the fact");
        }

        // Every fen: vouchers → claims → instructions paid → recovered.
        long expectedCompletionFen = 0;
        long expectedPlacementFen = 0;
        long recoveredExpected = 0;
        for (County.Trainee t : all) {
            long completionPart = t.subsidyFen * SubsidyActs.COMPLETION_SHARE_BP / 10000;
            if (t.completed) {
                expectedCompletionFen += completionPart;
            }
            if (t.placementId != null) {
                expectedPlacementFen += t.subsidyFen - completionPart;
            }
            if (t.falsePlacement) {
                recoveredExpected += t.subsidyFen - completionPart;
            }
        }
        long claimedCompletion = 0;
        long claimedPlacement = 0;
        long paidInstructions = 0;
        long vouchersRedeemedFen = 0;
        long vouchersVoid = 0;
        String finance = actors.financeOfficer(c.code());
        Map<String, Long> paidInstructionsById = new LinkedHashMap<>();
        Map<String, Long> voucherAmount = new LinkedHashMap<>();
        Map<String, Long> linesPerVoucher = new LinkedHashMap<>();
        Map<String, Integer> completionLines = new LinkedHashMap<>();
        Map<String, Integer> placementLines = new LinkedHashMap<>();
        for (County.Klass k : c.classes()) {
            Map<String, County.Trainee> byEnrollment = new LinkedHashMap<>();
            k.trainees.forEach(t -> byEnrollment.put(t.enrollmentId, t));
            for (JsonNode v : gw.get("/api/subsidy/classes/" + k.id + "/vouchers", officer).expect(200)) {
                County.Trainee t = byEnrollment.get(v.path("enrollmentId").asString());
                String status = v.path("status").asString();
                boolean left = t == null || t.dropped || t.rejected;
                // A leaver's voucher is void (issued before the departure reached subsidy, or after it and
                // voided at once); everyone else's was redeemed at the first lesson.
                check(left ? "VOID".equals(status) : "REDEEMED".equals(status), name + ": voucher " + v.path("serial").asString()
                        + " is " + status + " for a trainee who " + (left ? "left" : "stayed"));
                voucherAmount.put(v.path("serial").asString(), v.path("amountFen").asLong());
                if ("REDEEMED".equals(status)) {
                    vouchersRedeemedFen += v.path("amountFen").asLong();
                } else if ("VOID".equals(status)) {
                    vouchersVoid++;
                }
            }
            for (String claimId : new String[]{k.completionClaimId, k.placementClaimId}) {
                if (claimId == null) {
                    continue;
                }
                JsonNode claim = gw.get("/api/subsidy/claims/" + claimId, finance).expect(200);
                equal("PAID", claim.path("status").asString(), name + ": claim " + claimId + " paid");
                long total = claim.path("totalFen").asLong();
                for (JsonNode l : claim.path("lines")) {
                    linesPerVoucher.merge(l.path("voucherSerial").asString(), l.path("amountFen").asLong(), Long::sum);
                    (claimId.equals(k.completionClaimId) ? completionLines : placementLines)
                            .merge(l.path("enrollmentId").asString(), 1, Integer::sum);
                }
                if (claimId.equals(k.completionClaimId)) {
                    claimedCompletion += total;
                } else {
                    claimedPlacement += total;
                }
                long paid = 0;
                for (JsonNode i : gw.get("/api/subsidy/claims/" + claimId + "/payment-instructions", finance).expect(200)) {
                    if ("PAID".equals(i.path("status").asString())) {
                        paid += i.path("amountFen").asLong();
                        paidInstructionsById.put(i.path("instructionId").asString(), i.path("amountFen").asLong());
                    }
                }
                equal(total, paid, name + ": claim " + claimId + " approved = its instructions paid");
                paidInstructions += paid;
            }
        }
        long completedVoucherFen = all.stream().filter(t -> t.completed).mapToLong(t -> t.subsidyFen).sum();
        long voidAtLeast = all.stream().filter(t -> t.voucherSerial != null && (t.dropped || t.rejected)).count();
        long voidAtMost = all.stream().filter(t -> t.dropped || t.rejected).count();
        equal(expectedCompletionFen, claimedCompletion, name + ": completion claims = 70 % of each completer's voucher");
        equal(expectedPlacementFen, claimedPlacement, name + ": placement claims = the rest, for placed trainees");
        check(claimedCompletion + claimedPlacement <= completedVoucherFen,
                name + ": claims " + (claimedCompletion + claimedPlacement) + " ≤ vouchers of completers " + completedVoucherFen);
        equal(completedVoucherFen, vouchersRedeemedFen, name + ": vouchers redeemed = vouchers of completers (the dropout's is void)");
        check(vouchersVoid >= voidAtLeast && vouchersVoid <= voidAtMost, name + ": void vouchers " + vouchersVoid
                + " between those handed to leavers (" + voidAtLeast + ") and all leavers (" + voidAtMost + ")");
        for (Map.Entry<String, Long> v : linesPerVoucher.entrySet()) {
            Long amount = voucherAmount.get(v.getKey());
            check(amount != null && v.getValue() <= amount, name + ": voucher " + v.getKey() + " claimed " + v.getValue()
                    + " ≤ its amount " + amount);
        }
        for (County.Trainee t : all) {
            if (t.completed) {
                equal(1, completionLines.getOrDefault(t.enrollmentId, 0), name + ": completer " + t.enrollmentId
                        + " in exactly one completion line");
            }
            check(placementLines.getOrDefault(t.enrollmentId, 0) <= (t.placementId != null ? 1 : 0), name + ": trainee "
                    + t.enrollmentId + " in at most one placement line, and only if placed");
        }
        bureauStatement(name, paidInstructionsById);
        JsonNode fund = gw.get("/api/subsidy/funds/" + c.code() + "/" + year, finance).expect(200);
        long approved = claimedCompletion + claimedPlacement;
        long credited = fund.path("recoveredFen").asLong();
        equal(approved, fund.path("committedFen").asLong(), name + ": fund committed = approved claims");
        equal(c.depositedFen, fund.path("depositedFen").asLong(), name + ": fund deposited = confirmed deposits");
        equal(c.depositedFen + credited - approved, fund.path("availableFen").asLong(),
                name + ": fund available + committed = deposited + recovered");
        check(fund.path("pendingDeposits").isEmpty(), name + ": no deposit waits for its confirmation");
        equal(approved, paidInstructions, name + ": approved claims = paid");
        equal(approved, own.get("subsidy").path("subsidyCommittedFen").asLong(), name + ": subsidy's committed figure");
        equal(paidInstructions, own.get("subsidy").path("subsidyPaidFen").asLong(), name + ": subsidy's paid figure");
        long recovered = 0;
        if (c.falsePlacementBaseId != null) {
            java.util.Set<String> claimsOfTheYear = new java.util.HashSet<>();
            for (County.Klass k : c.classes()) {
                claimsOfTheYear.add(k.completionClaimId);
                claimsOfTheYear.add(k.placementClaimId);
            }
            for (JsonNode order : gw.get("/api/subsidy/bases/" + c.falsePlacementBaseId + "/recoveries", finance).expect(200)) {
                boolean ofThisYear = false;
                for (JsonNode item : order.path("items")) {
                    ofThisYear |= claimsOfTheYear.contains(item.path("claimId").asString());
                }
                if (!ofThisYear) {
                    continue; // the base's recovery of another programme year (a base lives on from year to year)
                }
                equal("SETTLED", order.path("status").asString(), name + ": recovery " + order.path("recoveryId").asString() + " settled");
                recovered += order.path("amountFen").asLong();
            }
        }
        equal(recoveredExpected, recovered, name + ": recovered = the placement share paid for the false placement");
        long noticed = 0;
        long noticedNet = 0;
        int page = 0;
        JsonNode recipients;
        do {
            recipients = gw.get("/api/public/subsidy/recipients?divisionCode=" + c.code() + "&year=" + year + "&size=200&page=" + page++, null)
                    .expect(200);
            for (JsonNode r : recipients.path("items")) {
                noticed += r.path("amountFen").asLong();
                noticedNet += r.path("netFen").asLong();
            }
        } while (recipients.path("items").size() == 200);
        equal(paidInstructions, noticed, name + ": the public notice of recipients adds up to what was paid");
        equal(paidInstructions - recovered, noticedNet, name + ": the notice's net amounts = paid − recovered");
        equal(recovered, credited, name + ": the settled recoveries were credited to the fund");
        add("vouchers redeemed (fen)", vouchersRedeemedFen);
        add("claims approved (fen)", approved);
        add("paid (fen)", paidInstructions);
        add("recovered (fen)", recovered);

        // Spot checks: at least 5 % of reported placements phoned, one finding.
        long calls = 0;
        long findings = 0;
        for (String id : c.spotCheckIds) {
            JsonNode check = gw.get("/api/placement/spot-checks/" + id, officer).expect(200);
            equal("CONCLUDED", check.path("status").asString(), name + ": spot check " + id + " concluded");
            check(check.path("sampled").asLong() * 10000 >= check.path("population").asLong() * data.spotCheckRateBp(),
                    name + ": spot check " + id + " phoned " + check.path("sampled").asLong() + " of " + check.path("population").asLong());
            for (JsonNode item : check.path("items")) {
                calls++;
                check(item.path("phone").isNull() || item.path("phone").isMissingNode() || item.path("phone").asString().contains("*"),
                        name + ": a concluded spot check keeps no whole phone");
            }
        }
        findings = c.falsePlacementEnrollmentId == null ? 0 : 1;
        equal(calls, own.get("placement").path("spotChecks").asLong(), name + ": trainees phoned");
        equal(findings, own.get("placement").path("findings").asLong(), name + ": findings");

        // The county's progress report (the gateway composes it) equals the services' own figures.
        report(c.code(), officer, own);
    }

    private void report(String division, String token, Map<String, JsonNode> own) {
        int year = options.year();
        JsonNode report = gw.get("/api/reports/progress?division=" + division + "&period=" + year, token).expect(200);
        for (String area : own.keySet()) {
            equal("OK", report.path("parts").path(area).path("status").asString(), division + ": the report's " + area + " part");
            own.get(area).properties().forEach(f -> {
                if (report.path("figures").has(f.getKey())) {
                    equal(f.getValue().asString(), report.path("figures").path(f.getKey()).asString(),
                            division + ": report figure " + f.getKey() + " = " + area + "'s own");
                }
            });
        }
    }

    /** The cities' and the province's reports: each the sum of what lies below (quota is the level's own task). */
    private void reportsAbove() {
        int year = options.year();
        String province = data.province().code();
        String token = actors.provinceOfficer(province);
        // The province's report over the whole year, timed (the figures print it): asked twice, the second warm.
        String path = "/api/reports/progress?division=" + province + "&period=" + year;
        long first = System.nanoTime();
        JsonNode report = gw.get(path, token).expect(200);
        totals.put("province report ms (first)", (System.nanoTime() - first) / 1_000_000);
        long again = System.nanoTime();
        gw.get(path, token).expect(200);
        totals.put("province report ms (again)", (System.nanoTime() - again) / 1_000_000);
        JsonNode f = report.path("figures");
        equal(totals.get("trainees enrolled"), f.path("enrolled").asLong(), "province: enrolled = Σ counties");
        equal(totals.get("trainees completed"), f.path("completed").asLong(), "province: completed = Σ counties");
        equal(totals.get("trainees placed"), f.path("placed").asLong(), "province: placed = Σ counties");
        equal(totals.get("claims approved (fen)"), f.path("subsidyCommittedFen").asLong(), "province: committed = Σ counties");
        equal(totals.get("paid (fen)"), f.path("subsidyPaidFen").asLong(), "province: paid = Σ counties");
        long quota = counties.stream().mapToLong(c -> c.division.quota()).sum();
        equal(quota + quota / 20, f.path("quota").asLong(), "province: quota = the plan (counties' tasks + 5 % reserve)");
        totals.put("province quota", f.path("quota").asLong());
    }

    /** Nothing left in any outbox, nothing dead-lettered. */
    private void deliveries() {
        equal(0L, pendingEvents(), "events waiting in the services' outboxes");
        for (String service : options.services()) {
            JsonNode dead = new Api(service).get("/actuator/deadletters", actors.operator()).expect(200);
            equal(0L, dead.path("count").asLong(), service + ": dead letters");
        }
    }
}
