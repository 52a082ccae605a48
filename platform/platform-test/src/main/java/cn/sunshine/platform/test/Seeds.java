package cn.sunshine.platform.test;

import cn.sunshine.platform.events.accreditation.AccreditedMajor;
import cn.sunshine.platform.events.accreditation.BaseAccredited;
import cn.sunshine.platform.events.accreditation.BaseRevoked;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Object mother: realistic fixtures drawn from the seeds (Hubei, Xiaogan city, Yingcheng 420981
 * and Anlu 420982; majors such as 电焊, 电子装配, 缝纫; fees in fen).
 */
public final class Seeds {

    public static final String PROVINCE = "420000";
    public static final String XIAOGAN = "420900";
    public static final String YINGCHENG = "420981";
    public static final String ANLU = "420982";

    private Seeds() {
    }

    public static List<AccreditedMajor> majors() {
        return List.of(new AccreditedMajor("WELDING", "电焊", 300, 60_000),
                new AccreditedMajor("ELECTRONICS_ASSEMBLY", "电子装配", 500, 40_000),
                new AccreditedMajor("SEWING", "缝纫", 400, 30_000));
    }

    public static BaseAccredited baseAccredited(String baseId, String division) {
        return new BaseAccredited(baseId, "应城市职业教育中心", "12420981MB1234567H", division, majors(),
                LocalDate.of(2026, 7, 1), LocalDate.of(2027, 6, 30), Instant.parse("2026-06-30T02:00:00Z"),
                "county-officer-" + division);
    }

    public static BaseRevoked baseRevoked(String baseId, String division) {
        return new BaseRevoked(baseId, division, "年度再认定未通过：全年未开班", Instant.parse("2026-12-20T06:30:00Z"),
                "county-officer-" + division);
    }
}
