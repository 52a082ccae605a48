package cn.sunshine.devauth;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A user a development token is minted for.
 *
 * @param username    the token subject
 * @param displayName a human name
 * @param roles       role names as the services know them (e.g. {@code COUNTY_OFFICER})
 * @param division    6-digit division code of the user's jurisdiction
 * @param baseId      the training base, for base staff; otherwise null
 */
public record DevUser(String username, String displayName, Set<String> roles, String division, String baseId) {

    public DevUser {
        Objects.requireNonNull(username, "username");
        roles = Set.copyOf(roles);
        if (division == null || !division.matches("\\d{6}")) {
            throw new IllegalArgumentException("division must be a 6-digit code: " + division);
        }
    }

    public static DevUser of(String role, String division) {
        return new DevUser(role.toLowerCase().replace('_', '-') + "-" + division, role + " " + division,
                Set.of(role), division, null);
    }

    public static DevUser baseStaff(String division, String baseId) {
        return new DevUser("base-staff-" + baseId, "base staff " + baseId, Set.of("BASE_STAFF"), division, baseId);
    }

    /** The demo users of the local run (README lists them). */
    public static List<DevUser> demoUsers() {
        return List.of(
                new DevUser("province-officer", "湖北省阳光办 王处长", Set.of("PROVINCE_OFFICER"), "420000", null),
                new DevUser("city-officer-xiaogan", "孝感市阳光办 李科长", Set.of("CITY_OFFICER"), "420900", null),
                new DevUser("county-officer-yingcheng", "应城市阳光办 张主任", Set.of("COUNTY_OFFICER"), "420981", null),
                new DevUser("county-leader-yingcheng", "应城市 分管副市长", Set.of("COUNTY_LEADER"), "420981", null),
                new DevUser("finance-officer-yingcheng", "应城市财政局 陈会计", Set.of("FINANCE_OFFICER"), "420981", null),
                new DevUser("finance-checker-yingcheng", "应城市财政局 何出纳", Set.of("FINANCE_OFFICER"), "420981", null),
                new DevUser("county-officer-anlu", "安陆市阳光办 刘主任", Set.of("COUNTY_OFFICER"), "420982", null),
                new DevUser("county-leader-anlu", "安陆市 分管副市长", Set.of("COUNTY_LEADER"), "420982", null),
                new DevUser("finance-officer-anlu", "安陆市财政局 孙会计", Set.of("FINANCE_OFFICER"), "420982", null),
                new DevUser("finance-checker-anlu", "安陆市财政局 钱出纳", Set.of("FINANCE_OFFICER"), "420982", null),
                new DevUser("county-officer-hanchuan", "汉川市阳光办 黄主任", Set.of("COUNTY_OFFICER"), "420984", null),
                new DevUser("county-officer-yunmeng", "云梦县阳光办 杨主任", Set.of("COUNTY_OFFICER"), "420923", null),
                new DevUser("expert-zhou", "评审专家 周教授", Set.of("EXPERT_REVIEWER"), "420900", null),
                new DevUser("expert-wu", "评审专家 吴高工", Set.of("EXPERT_REVIEWER"), "420900", null),
                new DevUser("expert-zheng", "评审专家 郑研究员", Set.of("EXPERT_REVIEWER"), "420900", null),
                new DevUser("auditor-province", "省审计 赵审计员", Set.of("AUDITOR"), "420000", null),
                new DevUser("operator", "平台运维", Set.of("OPERATOR"), "420000", null));
    }

    public static DevUser demoUser(String username) {
        return demoUsers().stream().filter(u -> u.username().equals(username)).findFirst().orElse(null);
    }
}
