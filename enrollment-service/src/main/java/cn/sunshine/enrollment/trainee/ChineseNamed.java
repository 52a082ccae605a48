package cn.sunshine.enrollment.trainee;

/** A code with the Chinese name rosters and the ledger write for it (性别 男/女, 文化程度 初中 …). */
public interface ChineseNamed {

    String chinese();

    /** The constant whose code (in any case) or Chinese name {@code s} is, spaces around it ignored; null when none. */
    static <E extends Enum<E> & ChineseNamed> E parse(Class<E> type, String s) {
        if (s == null) {
            return null;
        }
        String v = s.trim();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v) || e.chinese().equals(v)) {
                return e;
            }
        }
        return null;
    }
}
