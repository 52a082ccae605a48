package cn.sunshine.yeardriver;

import cn.sunshine.devauth.DevTokens;
import cn.sunshine.devauth.DevUser;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The people who act in the year, each with their own development token (signed with the key the
 * local run trusts): the same users the token issuer hands out, and one per county office.
 */
public final class Actors {

    private static final Duration TTL = Duration.ofHours(12);
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private String token(String username, String displayName, String role, String division, String baseId) {
        return tokens.computeIfAbsent(username + "|" + role + "|" + division + "|" + baseId, k -> {
            // Where the token issuer has a demo user for this role and division, it is that person who acts.
            DevUser user = baseId != null ? null : DevUser.demoUsers().stream()
                    .filter(u -> u.roles().equals(Set.of(role)) && u.division().equals(division)
                            && (!role.equals("EXPERT_REVIEWER") || u.username().equals(username))
                            // the same kind of person: finance-officer-… and finance-checker-… are two people
                            && u.username().startsWith(username.replaceAll("-\\d{6}$", "")))
                    .findFirst().orElse(null);
            return DevTokens.mint(user != null ? user : new DevUser(username, displayName, Set.of(role), division, baseId), TTL);
        });
    }

    public String provinceOfficer(String province) {
        return token("province-officer", "省阳光办 王处长", "PROVINCE_OFFICER", province, null);
    }

    public String cityOfficer(String city) {
        return token("city-officer-" + city, "市阳光办 " + city, "CITY_OFFICER", city, null);
    }

    public String countyOfficer(String county) {
        return token("county-officer-" + county, "县阳光办 " + county, "COUNTY_OFFICER", county, null);
    }

    public String countyLeader(String county) {
        return token("county-leader-" + county, "分管县领导 " + county, "COUNTY_LEADER", county, null);
    }

    public String financeOfficer(String county) {
        return token("finance-officer-" + county, "县财政局 " + county, "FINANCE_OFFICER", county, null);
    }

    /** The finance bureau's second person, who confirms what the first recorded (maker–checker). */
    public String financeChecker(String county) {
        return token("finance-checker-" + county, "县财政局复核 " + county, "FINANCE_OFFICER", county, null);
    }

    public String auditor(String division) {
        return token("auditor-" + division, "审计 " + division, "AUDITOR", division, null);
    }

    /** The panel's experts are appointed by the city's expert pool: three per tender. */
    public String expert(String id, String city) {
        return token(id, "评审专家 " + id, "EXPERT_REVIEWER", city, null);
    }

    /** An institution's own account before it is a base (it applies to the tender). */
    public String applicant(String creditCode, String county) {
        return token("applicant-" + creditCode, "申报单位 " + creditCode, "BASE_STAFF", county, null);
    }

    public String baseStaff(String baseId, String county) {
        return token("base-staff-" + baseId, "基地 " + baseId, "BASE_STAFF", county, baseId);
    }

    public String operator() {
        return token("operator", "平台运维", "OPERATOR", "420000", null);
    }
}
