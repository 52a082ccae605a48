package cn.sunshine.enrollment.trainee;

/** 性别. */
public enum Gender {
    MALE("男"), FEMALE("女");

    private final String chinese;

    Gender(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** Reads {@code 男/女} or {@code MALE/FEMALE}; null when neither. */
    public static Gender parse(String s) {
        if (s == null) {
            return null;
        }
        String v = s.trim();
        for (Gender g : values()) {
            if (g.name().equalsIgnoreCase(v) || g.chinese.equals(v)) {
                return g;
            }
        }
        return null;
    }
}
