package cn.sunshine.accreditation.inspection;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One version of the province's acceptance rules (检查验收办法): scored items in groups, each with its maximum, and
 * the passing score. A visit and a self-inspection record the version they were scored against, so a later
 * version changes nothing already scored.
 *
 * @param version      the version's name ({@code 2026-1})
 * @param title        what the province called it
 * @param passingScore the total at or above which an acceptance passes
 * @param groups       the items, grouped as the rules group them
 */
public record Checklist(String version, String title, int passingScore, List<Group> groups) {

    /** A group of items (组织管理, 教学管理, 资金管理, ...). */
    public record Group(String name, List<Item> items) {
    }

    /** One scored item: its code, what is checked, its maximum score and how to check it. */
    public record Item(String code, String name, int maxScore, String guidance) {
    }

    /** One item's score as an inspector gave it, with the remark. */
    public record Score(String itemCode, int score, String remark) {
    }

    public int maxTotal() {
        return items().stream().mapToInt(Item::maxScore).sum();
    }

    public List<Item> items() {
        return groups.stream().flatMap(g -> g.items().stream()).toList();
    }

    /** Checks the version itself: unique item codes, positive maxima, a passing score within the total. */
    void check() {
        Set<String> codes = new HashSet<>();
        for (Item i : items()) {
            if (!codes.add(i.code()) || i.maxScore() <= 0) {
                throw new IllegalStateException("checklist " + version + ": item " + i.code() + " repeated or without a maximum");
            }
        }
        if (passingScore <= 0 || passingScore > maxTotal()) {
            throw new IllegalStateException("checklist " + version + ": passing score " + passingScore + " outside 1.." + maxTotal());
        }
    }

    /**
     * The scores given, in the checklist's order: every item scored exactly once, between 0 and its maximum
     * (400 naming the field otherwise).
     */
    List<Score> scored(List<Score> given, String field) {
        Map<String, Score> byCode = new LinkedHashMap<>();
        for (int n = 0; n < given.size(); n++) {
            Score s = given.get(n);
            Item item = items().stream().filter(i -> i.code().equals(s.itemCode())).findFirst().orElseThrow(() ->
                    DomainException.invalidField(field, Phrase.coded("inspection.item-unknown",
                            "item " + s.itemCode() + " is not on checklist " + version, s.itemCode(), version)));
            if (byCode.put(s.itemCode(), s) != null) {
                throw DomainException.invalidField(field, Phrase.coded("inspection.item-twice",
                        "item " + s.itemCode() + " is scored twice", s.itemCode()));
            }
            if (s.score() < 0 || s.score() > item.maxScore()) {
                throw DomainException.invalidField(field + "[" + n + "].score", Phrase.coded("inspection.score-range",
                        "item " + s.itemCode() + " scores 0 to " + item.maxScore(), item.name(), item.maxScore()));
            }
        }
        List<String> missing = items().stream().map(Item::code).filter(c -> !byCode.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw DomainException.invalidField(field, Phrase.coded("inspection.items-missing",
                    "every item of checklist " + version + " is scored; missing: " + String.join(", ", missing),
                    String.join("、", missing)));
        }
        List<Score> ordered = new ArrayList<>();
        for (Item i : items()) {
            Score s = byCode.get(i.code());
            ordered.add(new Score(i.code(), s.score(), s.remark() == null || s.remark().isBlank() ? null : s.remark().trim()));
        }
        return List.copyOf(ordered);
    }

    static int total(List<Score> scores) {
        return scores.stream().mapToInt(Score::score).sum();
    }

    /** True when the code names an item of this version. */
    boolean has(String itemCode) {
        return items().stream().anyMatch(i -> i.code().equals(itemCode));
    }
}
