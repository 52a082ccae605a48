package cn.sunshine.yeardriver;

import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The county's labour-force monitoring point (劳动力监测点) for the year: the office registers a village (村) of its
 * first town with its monitor (the same village every year: a county monitors it year after year, so a later year
 * finds it registered), enters the monitor's return for the third quarter and the village's training-needs survey
 * (the majors its bases teach). {@link #check} reads the county's trends back: the quarter as returned, the transfer
 * rate, the needs, and the programme's completers and placed beside them.
 */
final class MonitoringActs extends Acts {

    MonitoringActs(County county) {
        super(county);
    }

    /** 8 October: the point (registered once), the third quarter's return, the year's needs survey. */
    void monitor() {
        Province.Town town = county.division.towns().get(0);
        String village = town.villages().stream().filter(v -> v.endsWith("村")).findFirst().orElse(town.villages().get(0));
        List<String> surnames = county.data.surnames();
        String monitor = surnames.get(Integer.parseInt(code()) % surnames.size()) + "建国";
        // the village cadre's mobile, the same every year: 139 + the county's code + 07
        String phone = "139" + code() + "07";
        county.personalData.add(phone);
        String points = "/api/placement/monitoring-points";
        Api.Response registered = gw.post(points, officer(), new Point(code(), town.name(), village,
                new Monitor(monitor, phone)),
                key("monitoring-point-" + code() + "-" + county.year));
        String pointId;
        if (registered.is(409)) {
            pointId = null;
            for (JsonNode p : gw.get(points + "?division=" + code() + "&status=ACTIVE", officer()).expect(200).path("items")) {
                if (village.equals(p.path("village").asString()) && town.name().equals(p.path("town").asString())) {
                    pointId = p.path("id").asString();
                }
            }
            if (pointId == null) {
                throw new ScenarioFailure(village + " is registered but not listed as an active point: " + registered.body());
            }
        } else {
            pointId = registered.expect(201).path("id").asString();
        }
        county.monitoringPointId = pointId;

        Figures f = Figures.of(county.trainees);
        county.monitoringReturn = f;
        Api.Response returned = gw.post(points + "/" + pointId + "/returns", officer(), new Return(county.year, 3, f),
                key("labour-return-" + code() + "-" + county.year + "-Q3"));
        // a request answered while the service stopped (its key's record lost with it) is recorded already: the same figures
        alreadyRecorded(returned, points + "/" + pointId + "/returns/" + county.year + "/3",
                r -> r.path("figures").path("labourers").asInt() == f.labourers());

        List<Need> needs = new ArrayList<>();
        List<String> majors = county.division.bases().stream().flatMap(b -> b.majors().stream().limit(2)).distinct().toList();
        for (int i = 0; i < majors.size(); i++) {
            needs.add(new Need(majors.get(i), county.data.major(majors.get(i)).name(), 20 + 5 * i));
        }
        county.monitoringNeeds = needs.stream().mapToInt(Need::headCount).sum();
        Api.Response surveyed = gw.post(points + "/" + pointId + "/needs-surveys", officer(),
                new Survey(county.year, county.cal.date(10, 8), needs), key("needs-survey-" + code() + "-" + county.year));
        alreadyRecorded(surveyed, points + "/" + pointId + "/needs-surveys/" + county.year,
                r -> r.path("headCount").asInt() == county.monitoringNeeds);
    }

    /** 201, or 409 for a record that holds what was sent (recorded by a request whose answer was lost). */
    private void alreadyRecorded(Api.Response answer, String record, java.util.function.Predicate<JsonNode> same) {
        if (answer.is(409) && same.test(gw.get(record, officer()).expect(200))) {
            return;
        }
        answer.expect(201);
    }

    /**
     * The county's trends add up: the third quarter is the one return (its figures, the transfer rate, the
     * destinations within the transferred), the needs are the survey's, and the programme's completers and placed
     * beside them are the county's own.
     */
    static List<String> check(Api gw, String officer, County c, long completed, long placed) {
        List<String> failed = new ArrayList<>();
        if (c.monitoringPointId == null) {
            return failed;
        }
        String name = c.name() + " " + c.code();
        JsonNode t = gw.get("/api/placement/monitoring/trends?division=" + c.code() + "&year=" + c.year, officer).expect(200);
        JsonNode q3 = t.path("quarters").path(2);
        Figures f = c.monitoringReturn;
        Map<String, long[]> expected = new LinkedHashMap<>();
        expected.put("pointsReporting", new long[]{1, q3.path("pointsReporting").asLong()});
        expected.put("labourers", new long[]{f.labourers(), q3.path("labourers").asLong()});
        expected.put("transferred", new long[]{f.transferred(), q3.path("transferred").asLong()});
        expected.put("outOfProvince", new long[]{f.destinations().outOfProvince(), q3.path("outOfProvince").asLong()});
        expected.put("transferRateBp", new long[]{f.transferred() * 10_000L / f.labourers(), q3.path("transferRateBp").asLong()});
        expected.put("destinations", new long[]{q3.path("transferred").asLong(), q3.path("inCounty").asLong()
                + q3.path("inProvince").asLong() + q3.path("outOfProvince").asLong()});
        long needs = 0;
        for (JsonNode n : t.path("needs")) {
            needs += n.path("headCount").asLong();
        }
        expected.put("needs", new long[]{c.monitoringNeeds, needs});
        expected.put("plan.completed", new long[]{completed, t.path("plan").path("completed").asLong()});
        expected.put("plan.placed", new long[]{placed, t.path("plan").path("placed").asLong()});
        expected.forEach((what, v) -> {
            if (v[0] != v[1]) {
                failed.add(name + ": the monitoring trends' " + what + ": expected " + v[0] + ", found " + v[1]);
            }
        });
        return failed;
    }

    record Point(String divisionCode, String town, String village, Monitor monitor) {
    }

    record Monitor(String name, String phone) {
    }

    record Return(int year, int quarter, Figures figures) {
    }

    /** A village of about two thousand people as the seeds describe it: some 45 % of its labourers in non-farm work. */
    record Figures(int labourers, int male, int female, int transferred, int newlyTransferred, Destinations destinations,
                   Map<String, Integer> sectors, int returnedHome) {

        static Figures of(int trainees) {
            int labourers = 500 + 3 * trainees;
            int male = labourers * 52 / 100;
            int transferred = labourers * 45 / 100;
            int inCounty = transferred / 4;
            int inProvince = transferred / 4;
            Map<String, Integer> sectors = new LinkedHashMap<>();
            sectors.put("MANUFACTURING", transferred * 40 / 100);
            sectors.put("CONSTRUCTION", transferred * 30 / 100);
            sectors.put("SERVICES", transferred * 20 / 100);
            sectors.put("TRANSPORT", transferred * 5 / 100);
            sectors.put("OTHER", transferred - sectors.values().stream().mapToInt(Integer::intValue).sum());
            return new Figures(labourers, male, labourers - male, transferred, Math.min(transferred, trainees / 2),
                    new Destinations(inCounty, inProvince, transferred - inCounty - inProvince), sectors, labourers / 100);
        }
    }

    record Destinations(int inCounty, int inProvince, int outOfProvince) {
    }

    record Need(String majorCode, String majorName, int headCount) {
    }

    record Survey(int year, LocalDate surveyedOn, List<Need> needs) {
    }
}
