package cn.sunshine.yeardriver;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Claims waiting for the console's browser journeys: the first months of a small programme year of one county
 * played through the gateway with the year driver's own stages (tender to completion), then one claim per class
 * submitted by its base, the first verified by the county office (so it waits for the leader's 审批) and the
 * others left waiting for 核准. In the year driver's package (test sources only) to reuse its stages as they are.
 */
public final class ClaimsWaiting {

    /** @param verified waiting at APPROVAL; {@code submitted} waiting at VERIFICATION */
    public record Claims(String county, int year, String verified, List<String> submitted) {
    }

    private ClaimsWaiting() {
    }

    public static Claims prepare(String gateway, List<String> services, String county, int year, PrintStream out)
            throws Exception {
        ProvinceYear.Options options = new ProvinceYear.Options(gateway, services, 1, 9, 3, year, 1, List.of(county));
        ProvinceYear py = new ProvinceYear(options, Province.demo(), out);
        CountyYear c = py.counties().get(0);
        Calendar cal = new Calendar(year);
        try {
            py.setClock(cal.at(3, 2));
            Method plan = ProvinceYear.class.getDeclaredMethod("provincePlan");
            plan.setAccessible(true);
            plan.invoke(py);
            c.fundAndPolicy();
            c.tender();
            py.setClock(cal.at(3, 5));
            c.applications();
            py.setClock(cal.at(3, 21));
            c.review();
            py.setClock(cal.at(3, 23));
            c.objection();
            py.setClock(cal.at(3, 28));
            c.accreditation();
            py.setClock(cal.at(4, 8));
            c.enrollment();
            py.setClock(cal.at(4, 15));
            c.opening();
            c.vouchers();
            py.setClock(cal.at(6, 1));
            c.completion();
            py.setClock(cal.at(6, 5));
            List<String> claims = new ArrayList<>();
            for (CountyYear.Klass k : c.classes()) {
                List<String> serials = k.trainees.stream().filter(t -> t.completed).map(t -> t.voucherSerial).toList();
                if (serials.isEmpty()) {
                    continue;
                }
                Map<String, Object> body = Map.of("classId", k.id, "voucherSerials", serials, "part", "COMPLETION");
                claims.add(c.gw.await("subsidy to accept the claim of class " + k.id, CountyYear.EVENTS,
                        () -> c.gw.post("/api/subsidy/claims", k.base.staff, body, Map.of("Idempotency-Key", "console-" + k.id)),
                        r -> r.is(200) || r.is(201)).json().path("claimId").asString());
            }
            if (claims.size() < 2) {
                throw new ScenarioFailure("expected two claims or more, got " + claims);
            }
            c.gw.post("/api/subsidy/claims/" + claims.get(0) + "/verification", c.officer(),
                    Map.of("decision", "APPROVE", "reason", "已核对台帐、代金券和身份证复印件，数量金额相符")).expect(200);
            return new Claims(county, year, claims.get(0), List.copyOf(claims.subList(1, claims.size())));
        } finally {
            py.resetClock();
        }
    }
}
