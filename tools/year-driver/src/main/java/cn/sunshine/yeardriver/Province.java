package cn.sunshine.yeardriver;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The demo province (demo-province.json): cities, counties with their quotas, towns and villages,
 * the institutions that apply to each county's tender, majors, subsidy tiers, employers and names,
 * drawn from the county work summaries in the seeds.
 */
public record Province(Division province, List<City> cities, List<Major> majors, Map<String, Long> subsidyTiers,
                       List<Integer> tierRatio, int spotCheckRateBp, int committedPlacementRateBp,
                       Map<String, Long> fundingPerHeadFen, List<Employer> employers, List<String> surnames,
                       Map<String, List<String>> givenNameCharacters, String notes) {

    public record Division(String code, String name, String office) {
    }

    public record City(String code, String name, List<County> counties) {
    }

    public record County(String code, String name, int quota, List<Town> towns, List<Institution> bases) {
    }

    public record Town(String name, List<String> villages) {
    }

    public record Institution(String name, String kind, String address, String principal, List<String> majors) {
    }

    public record Major(String code, String name, long feeFen, int days, int annualCapacity) {
    }

    public record Employer(String name, String city, String industry, List<String> majors, long monthlyWageFen) {
    }

    public static Province demo() {
        try (InputStream in = Province.class.getResourceAsStream("demo-province.json")) {
            return JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(in, Province.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Major major(String code) {
        return majors.stream().filter(m -> m.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no major " + code));
    }

    public City cityOf(County county) {
        return cities.stream().filter(c -> c.counties().contains(county)).findFirst().orElseThrow();
    }

    public List<County> counties() {
        return cities.stream().flatMap(c -> c.counties().stream()).toList();
    }
}
