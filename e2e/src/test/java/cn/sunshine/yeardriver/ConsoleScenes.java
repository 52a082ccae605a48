package cn.sunshine.yeardriver;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the console's further journeys need, played through the gateway with the year driver's own stages: two
 * tenders of one county in a past year. The first is reviewed by its three experts and its result is publicly
 * noticed today (so the seven-day period is running and the public can object); on the second, two experts have
 * declared and scored and {@code expert-zhou} is appointed but has done nothing yet (his journey in the browser).
 * In the year driver's package (test sources only) to reuse its stages as they are.
 */
public final class ConsoleScenes {

    /**
     * @param noticeId      the first tender's notice, open today
     * @param reviewTender  the second tender, waiting for expert-zhou's declaration and score sheets
     * @param applications  the second tender's applications
     */
    public record Scenes(String county, int year, String noticeId, String reviewTender, List<String> applications) {
    }

    private ConsoleScenes() {
    }

    public static Scenes prepare(String gateway, List<String> services, String county, int year, PrintStream out)
            throws Exception {
        ProvinceYear.Options options = new ProvinceYear.Options(gateway, services, 1, 9, 3, year, 1, List.of(county));
        ProvinceYear py = new ProvinceYear(options, Province.demo(), out);
        CountyYear c = py.counties().get(0);
        Calendar cal = new Calendar(year);
        String noticed;
        String reviewed;
        List<County.Applicant> first;
        List<County.Applicant> second;
        try {
            // March of that year: both tenders published, the institutions apply to both.
            py.setClock(cal.at(3, 2));
            c.tender();
            noticed = c.county.tenderId;
            c.tender();
            reviewed = c.county.tenderId;
            py.setClock(cal.at(3, 5));
            c.county.tenderId = noticed;
            c.applications();
            first = new ArrayList<>(c.county.applicants);
            c.county.applicants.clear();
            c.county.tenderId = reviewed;
            c.applications();
            second = new ArrayList<>(c.county.applicants);
        } finally {
            py.resetClock();
        }
        // Today (the window closed long ago): the first tender's panel scores and its result is noticed from today.
        c.county.tenderId = noticed;
        c.county.applicants.clear();
        c.county.applicants.addAll(first);
        c.review();
        // The second: the panel appointed, two experts declare and score, expert-zhou waits.
        List<Map<String, Object>> members = List.of(Map.of("reviewerId", "expert-zhou", "name", "周教授"),
                Map.of("reviewerId", "expert-wu", "name", "吴高工"), Map.of("reviewerId", "expert-zheng", "name", "郑研究员"));
        c.county.gw.post("/api/accreditation/tenders/" + reviewed + "/panel", c.county.officer(), Map.of("members", members)).expect(200, 201);
        for (String expert : List.of("expert-wu", "expert-zheng")) {
            String token = c.county.actors.expert(expert, c.county.city.code());
            c.county.gw.post("/api/accreditation/tenders/" + reviewed + "/panel/declarations", token,
                    Map.of("noConflict", true, "statement", "本人与各申报单位无利害关系")).expect(200, 201);
            for (County.Applicant a : second) {
                List<Map<String, Object>> scores = List.of(Map.of("criterionCode", "TEACHING", "score", 85),
                        Map.of("criterionCode", "FACILITIES", "score", 80), Map.of("criterionCode", "PLACEMENT", "score", 88),
                        Map.of("criterionCode", "SERVICE", "score", 82));
                c.county.gw.post("/api/accreditation/applications/" + a.applicationId() + "/score-sheets", token,
                        Map.of("scores", scores, "inspection", Map.of("visitedOn", cal.date(3, 21).toString(),
                                "result", "PASSED", "findings", "场地、设备与申报材料相符"))).expect(201);
            }
        }
        return new Scenes(county, year, c.county.noticeId, reviewed, second.stream().map(County.Applicant::applicationId).toList());
    }

}
