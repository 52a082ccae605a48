package cn.sunshine.enrollment;

import cn.sunshine.platform.identifiers.ResidentIdNumber;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Object mother of trainees: valid resident ID numbers (real division prefixes of Hubei, birth
 * dates 1970–2005, the check character computed), never the same person twice in a run.
 */
final class People {

    private static final String[] PREFIXES = {"420981", "420982", "420902", "420921", "420984"};
    private static final String[] SURNAMES = {"张", "王", "李", "刘", "陈", "杨", "黄", "赵", "周", "吴"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰"};
    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();
    private static final Random RANDOM = new Random(20260706);

    private People() {
    }

    static String idNumber(boolean male) {
        while (true) {
            String prefix;
            LocalDate birth;
            int seq;
            synchronized (RANDOM) {
                prefix = PREFIXES[RANDOM.nextInt(PREFIXES.length)];
                birth = LocalDate.of(1970, 1, 1).plusDays(RANDOM.nextInt(35 * 365));
                seq = RANDOM.nextInt(500) * 2 + (male ? 1 : 0);
            }
            String first17 = prefix + birth.toString().replace("-", "") + String.format("%03d", seq);
            String id = first17 + ResidentIdNumber.checkCharacter(first17);
            if (ISSUED.add(id)) {
                return id;
            }
        }
    }

    /** The same number with a wrong check character. */
    static String withWrongCheck(String id) {
        char right = id.charAt(17);
        char wrong = right == '0' ? '1' : right == 'X' ? '2' : (char) (right == '9' ? '0' : right + 1);
        return id.substring(0, 17) + wrong;
    }

    static String phone() {
        synchronized (RANDOM) {
            return "13" + (7 + RANDOM.nextInt(3)) + String.format("%08d", RANDOM.nextInt(100_000_000));
        }
    }

    /** A trainee request body as the base's staff would send it. */
    static Map<String, Object> trainee(String name, boolean male, String idNumber, String phone) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", name);
        t.put("gender", male ? "MALE" : "FEMALE");
        t.put("idNumber", idNumber);
        t.put("householdDivision", "420981");
        t.put("town", "杨河镇");
        t.put("village", "三合村");
        t.put("ruralHousehold", true);
        t.put("phone", phone);
        t.put("education", "JUNIOR_SECONDARY");
        t.put("subsidyTier", "TIER_2");
        t.put("subsidyFen", 20_000);
        return t;
    }

    static Map<String, Object> anyone() {
        boolean male;
        String name;
        synchronized (RANDOM) {
            male = RANDOM.nextBoolean();
            name = SURNAMES[RANDOM.nextInt(SURNAMES.length)] + GIVEN[RANDOM.nextInt(GIVEN.length)];
        }
        return trainee(name, male, idNumber(male), phone());
    }
}
