package cn.sunshine.platform.test;

import cn.sunshine.devauth.DevTokens;
import cn.sunshine.devauth.DevUser;

import java.util.Set;

/** Test tokens for any role and jurisdiction, signed with the development key. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String of(String role, String division) {
        return DevTokens.mint(DevUser.of(role, division));
    }

    public static String baseStaff(String division, String baseId) {
        return DevTokens.mint(DevUser.baseStaff(division, baseId));
    }

    public static String of(String username, Set<String> roles, String division, String baseId) {
        return DevTokens.mint(new DevUser(username, username, roles, division, baseId));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
