package cn.sunshine.yeardriver;

import java.util.List;
import java.util.Map;

/**
 * One county's programme year, played through the gateway stage by stage: the year's script. Each stage is
 * a few acts of the services' actors ({@link AccreditationActs}, {@link EnrollmentActs}, {@link SubsidyActs},
 * {@link PlacementActs}, {@link ComplaintActs}, {@link ConfirmationActs}, {@link InspectionActs}, {@link MonitoringActs}); the script says who does what, in which order, and which trainee the year's
 * incidents befall. {@link ProvinceYear} runs a stage for every county before it moves the clock on to the
 * next. What the county did is kept in its {@link County} for the checks at the end.
 */
final class CountyYear {

    final County county;
    final AccreditationActs accreditation;
    final EnrollmentActs enrollment;
    final SubsidyActs subsidy;
    final PlacementActs placement;
    final TeachingActs teaching;
    final ComplaintActs complaints;
    final ConfirmationActs confirmations;
    final InspectionActs inspections;
    final MonitoringActs monitoring;

    CountyYear(Province data, Province.County division, int year, int trainees, int classSize, Api gw, Actors actors,
               Map<String, String> employers) {
        this.county = new County(data, division, year, trainees, classSize, gw, actors, employers);
        this.accreditation = new AccreditationActs(county);
        this.enrollment = new EnrollmentActs(county);
        this.subsidy = new SubsidyActs(county);
        this.placement = new PlacementActs(county);
        this.teaching = new TeachingActs(county);
        this.complaints = new ComplaintActs(county);
        this.confirmations = new ConfirmationActs(county);
        this.inspections = new InspectionActs(county);
        this.monitoring = new MonitoringActs(county);
    }

    String code() {
        return county.code();
    }

    // ------------------------------------------------------------------------------------------
    // March: the county's share of the plan, its fund, the split of the subsidy, the tender.

    void fundAndPolicy() {
        accreditation.awaitQuotaLedger();
        subsidy.depositFunds();
        subsidy.splitPolicy();
    }

    void tender() {
        accreditation.tender();
    }

    /** 5 March: the county's institutions apply. */
    void applications() {
        accreditation.applications();
    }

    // ------------------------------------------------------------------------------------------
    // 21 March: the panel scores, the ranking is noticed for seven days.

    void review() {
        List<String> experts = accreditation.experts();
        accreditation.appointPanel(experts);
        for (String expert : experts) {
            accreditation.score(experts, expert);
        }
        accreditation.noticeRanking();
    }

    /** 23 March: a member of the public objects to the first-ranked institution; the office looks into it. */
    void objection() {
        String objectionId = accreditation.objectToFirstRanked();
        accreditation.dismissObjection(objectionId);
    }

    // ------------------------------------------------------------------------------------------
    // 28 March: the notice is over; bases are accredited, allocated quota and sign agreements.

    void accreditation() {
        accreditation.finaliseNotice();
        for (County.Base base : county.bases) {
            accreditation.allocateAndAgree(base);
        }
    }

    // ------------------------------------------------------------------------------------------
    // 8 April: classes are reported and trainees enroll (two at the desk, the rest by roster file).

    void enrollment() {
        for (County.Base base : county.bases) {
            enrollment.reportClasses(base);
        }
    }

    // ------------------------------------------------------------------------------------------
    // 15 April: the opening. The county checks each trainee against the roster; vouchers are
    // issued and filled in at the first lesson; one trainee soon drops out.

    void opening() {
        boolean first = true;
        for (County.Klass k : county.classes()) {
            // In the first class the last on the roster did not come: someone else sits in their place (冒名顶替).
            County.Trainee impostor = first && k.trainees.size() > 2 ? k.trainees.get(k.trainees.size() - 1) : null;
            enrollment.open(k, impostor);
            first = false;
        }
    }

    void vouchers() {
        boolean first = true;
        for (County.Klass k : county.classes()) {
            subsidy.issueVouchers(k);
            if (first && k.trainees.size() > 3) {
                enrollment.dropOut(k, k.trainees.get(1)); // the first class's second trainee leaves to work
            }
            subsidy.redeemVouchers(k);
            first = false;
        }
    }

    // ------------------------------------------------------------------------------------------
    // 1 June: the lessons' attendance (two a class), the county's list of another programme (雨露计划),
    // theory exam and skill test, certificates.

    void completion() {
        teaching.importFundingList();
        boolean first = true;
        for (County.Klass k : county.classes()) {
            teaching.lessons(k);
            // In the first class the first to sit fails the theory exam and passes the re-sit.
            List<County.Trainee> sitting = EnrollmentActs.sitting(k);
            enrollment.assess(k, first && sitting.size() > 2 ? sitting.get(0) : null);
            enrollment.complete(k);
            first = false;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Claims: the base claims with the vouchers; 核准 → 审批 → (extra) → 复核; the bureau pays.

    void completionClaims() {
        for (County.Klass k : county.classes()) {
            List<String> serials = k.trainees.stream().filter(t -> t.completed).map(t -> t.voucherSerial).toList();
            if (!serials.isEmpty()) {
                k.completionClaimId = subsidy.claimAndApprove(k, serials, "COMPLETION");
            }
        }
        subsidy.pay();
    }

    void placementClaims() {
        for (County.Klass k : county.classes()) {
            List<String> serials = k.trainees.stream().filter(t -> t.placementId != null).map(t -> t.voucherSerial).toList();
            if (!serials.isEmpty()) {
                k.placementClaimId = subsidy.claimAndApprove(k, serials, "PLACEMENT");
            }
        }
        subsidy.pay();
    }

    // ------------------------------------------------------------------------------------------
    // 8 June: the first class's trainees confirm what the base claimed (学员确认); one denies having attended.

    void confirmations() {
        confirmations.confirmFirstClass();
    }

    // ------------------------------------------------------------------------------------------
    // 10 June: placements, a little above the committed 90 %.

    void placements() {
        placement.reportPlacements();
    }

    // ------------------------------------------------------------------------------------------
    // 12 July: the first monthly contact; one employer has not paid wages; one trainee left and is re-placed.

    void followUp() {
        placement.followUp();
    }

    // ------------------------------------------------------------------------------------------
    // 1 September: the county's spot-check round; the first trainee phoned is not employed as reported.

    void spotChecks() {
        placement.spotChecks();
    }

    /** 10 September: the base repays what the false placement was paid; the fund is credited. */
    void recovery() {
        subsidy.recovery();
    }

    // ------------------------------------------------------------------------------------------
    // 14 September: a complaint about a base on the public web form (监督举报); the office answers it.

    void complaint() {
        complaints.complain();
        complaints.answer();
    }

    // ------------------------------------------------------------------------------------------
    // 16 November: a supervision visit finds the files incomplete; corrected and closed; the year-end acceptance.

    void inspection() {
        inspections.inspectAndAccept();
    }

    // ------------------------------------------------------------------------------------------
    // 8 October: the monitoring point's third quarter and the village's training-needs survey.

    void monitoring() {
        monitoring.monitor();
    }
}
