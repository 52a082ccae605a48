package cn.sunshine.console.report;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code sunshine.console.report.regions}: the divisions a progress report drills through — the province, its
 * cities, their counties (GB/T 2260 codes and names), each naming its parent. Only for navigation and names:
 * what a person may read is the gateway's and the services' decision (an officer asking for a division outside
 * their jurisdiction gets 404 from the report API whatever this list says).
 */
@ConfigurationProperties("sunshine.console.report")
public record Regions(List<Region> regions) {

    public record Region(String code, String name, String parent) {
    }

    public Regions {
        regions = regions == null ? List.of() : List.copyOf(regions);
    }

    public Optional<Region> find(String code) {
        return regions.stream().filter(r -> r.code().equals(code)).findFirst();
    }

    public String name(String code) {
        return find(code).map(Region::name).orElse(code);
    }

    public List<Region> children(String code) {
        return regions.stream().filter(r -> code.equals(r.parent())).toList();
    }

    /**
     * The way down from {@code top} (the person's own division) to {@code code}, both included; just {@code code}
     * when it does not lie under {@code top} in this list.
     */
    public List<Region> path(String top, String code) {
        List<Region> path = new ArrayList<>();
        Optional<Region> at = find(code);
        while (at.isPresent()) {
            path.add(0, at.get());
            if (at.get().code().equals(top) || at.get().parent() == null) {
                break;
            }
            at = find(at.get().parent());
        }
        if (path.isEmpty() || !path.get(0).code().equals(top)) {
            return List.of(find(code).orElse(new Region(code, code, null)));
        }
        return path;
    }
}
