package cn.sunshine.yeardriver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One county's programme year as the driver keeps it: who acts for the county, and what the year made (its
 * tender and notice, the bases, their classes and trainees, the claims, the spot checks). The acts of each
 * service ({@link AccreditationActs}, {@link EnrollmentActs}, {@link SubsidyActs}, {@link PlacementActs}) write
 * it as they go; {@link CountyYear} plays them in the year's order and {@link Checks} reads it at the end.
 */
final class County {

    final Province data;
    final Province.City city;
    /** The county as the demo province describes it: code, name, quota, towns, institutions. */
    final Province.County division;
    final Calendar cal;
    final int year;
    final int trainees;
    final int classSize;
    final Api gw;
    final Actors actors;
    final People people;
    /** The province's register of employers: name → id. */
    final Map<String, String> employers;

    String ledgerId;
    String tenderId;
    String noticeId;
    final List<Applicant> applicants = new ArrayList<>();
    final List<Base> bases = new ArrayList<>();
    /** Every ID number and phone sent: none may appear whole in any log. */
    final List<String> personalData = new ArrayList<>();
    long depositedFen;
    String falsePlacementBaseId;
    String falsePlacementEnrollmentId;
    String escalationCaseId;
    /** The trainee another programme's list funds for days overlapping their class (TeachingActs). */
    String doubleFundedEnrollmentId;
    final List<String> spotCheckIds = new ArrayList<>();
    /** The year's complaint from the public (监督举报), answered by the county. */
    String complaintId;
    /** The supervision visit's rectification order, closed before its deadline (InspectionActs). */
    String rectificationOrderUrl;
    /** The first base's year-end acceptance record (InspectionActs). */
    String acceptanceId;
    /** The county's labour-force monitoring point, its third quarter's return and the needs surveyed (MonitoringActs). */
    String monitoringPointId;
    MonitoringActs.Figures monitoringReturn;
    int monitoringNeeds;

    record Applicant(Province.Institution institution, String creditCode, String token, String applicationId,
                     boolean weak) {
    }

    static final class Base {
        String id;
        Province.Institution institution;
        String creditCode;
        String staff;
        List<String> majors = new ArrayList<>();
        Map<String, Integer> quota = new LinkedHashMap<>();
        String agreementId;
        final List<Klass> classes = new ArrayList<>();
    }

    static final class Klass {
        String id;
        Base base;
        String major;
        int size;
        final List<Trainee> trainees = new ArrayList<>();
        String completionClaimId;
        String placementClaimId;
        /** Teaching hours of the lessons recorded (TeachingActs). */
        int lessonHours;
    }

    static final class Trainee {
        String enrollmentId;
        People.Person person;
        long subsidyFen;
        boolean rejected;
        boolean dropped;
        boolean failedFirstAssessment;
        boolean completed;
        String voucherSerial;
        String voucherCode;
        String placementId;
        String rePlacementId;
        boolean falsePlacement;

        boolean standing() {
            return !rejected;
        }
    }

    County(Province data, Province.County division, int year, int trainees, int classSize, Api gw, Actors actors,
           Map<String, String> employers) {
        this.data = data;
        this.city = data.cityOf(division);
        this.division = division;
        this.cal = new Calendar(year);
        this.year = year;
        this.trainees = trainees;
        this.classSize = classSize;
        this.gw = gw;
        this.actors = actors;
        this.people = new People(data, Long.parseLong(division.code()) * 31 + year);
        this.employers = employers;
    }

    String code() {
        return division.code();
    }

    String name() {
        return division.name();
    }

    String officer() {
        return actors.countyOfficer(code());
    }

    List<Klass> classes() {
        return bases.stream().flatMap(b -> b.classes.stream()).toList();
    }

    List<Trainee> allTrainees() {
        return classes().stream().flatMap(k -> k.trainees.stream()).toList();
    }

    /** The trainee a placement (or re-placement) is of; null when none of this county's. */
    Trainee traineeOfPlacement(String placementId) {
        for (Klass k : classes()) {
            for (Trainee t : k.trainees) {
                if (placementId.equals(t.placementId) || placementId.equals(t.rePlacementId)) {
                    return t;
                }
            }
        }
        return null;
    }
}
