package cn.sunshine.yeardriver;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rural labourers of a county who enroll: names from the seeds' surnames and given-name
 * characters, valid resident ID numbers born 18 to 50 years before the programme year, mobile
 * numbers, towns and villages of their county, education and a subsidy tier in the ratio 3:4:3.
 * Deterministic for a seed; never the same ID number or phone twice in a run.
 */
final class People {

    record Person(String name, boolean male, String idNumber, String household, String town, String village,
                  String phone, String education, String tier) {
    }

    private static final String[] EDUCATION = {"PRIMARY", "JUNIOR_SECONDARY", "JUNIOR_SECONDARY", "JUNIOR_SECONDARY",
            "SENIOR_SECONDARY", "VOCATIONAL_SECONDARY"};
    private static final Set<String> IDS = ConcurrentHashMap.newKeySet();
    private static final AtomicLong PHONES = new AtomicLong();

    private final Province data;
    private final SplittableRandom random;

    People(Province data, long seed) {
        this.data = data;
        this.random = new SplittableRandom(seed);
    }

    synchronized Person next(Province.County county, int year, int index) {
        boolean male = random.nextInt(100) < 55;
        List<String> given = data.givenNameCharacters().get(male ? "male" : "female");
        List<String> neutral = data.givenNameCharacters().get("neutral");
        String surname = data.surnames().get(Math.min(data.surnames().size() - 1,
                (int) Math.floor(Math.pow(random.nextDouble(), 2) * data.surnames().size())));
        String name = surname + (random.nextBoolean() ? given.get(random.nextInt(given.size()))
                : neutral.get(random.nextInt(neutral.size())) + given.get(random.nextInt(given.size())));
        String id;
        do {
            LocalDate born = LocalDate.of(year, 6, 30).minusYears(18 + random.nextInt(32)).minusDays(random.nextInt(365));
            int sequence = random.nextInt(500) * 2 + (male ? 1 : 0); // 17th digit odd for a man
            String first17 = county.code() + born.toString().replace("-", "") + String.format("%03d", sequence);
            id = Codes.idNumber(first17);
        } while (!IDS.add(id));
        Province.Town town = county.towns().get(random.nextInt(county.towns().size()));
        String village = town.villages().get(random.nextInt(town.villages().size()));
        // 11-digit mobiles, unique in the run: 13x / 15x / 18x prefixes and a counter.
        long n = PHONES.incrementAndGet();
        String[] prefixes = {"138", "139", "135", "137", "150", "151", "152", "158", "159", "186", "187", "188"};
        String phone = prefixes[(int) (n % prefixes.length)] + String.format("%08d", (n * 7_919L + 12_345L) % 100_000_000L);
        int t = random.nextInt(10);
        List<Integer> ratio = data.tierRatio();
        String tier = t < ratio.get(0) ? "TIER_1" : t < ratio.get(0) + ratio.get(1) ? "TIER_2" : "TIER_3";
        return new Person(name, male, id, county.code(), town.name(), village, phone,
                EDUCATION[random.nextInt(EDUCATION.length)], tier);
    }
}
