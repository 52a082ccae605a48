package cn.sunshine.enrollment.trainee;

/** 性别. */
public enum Gender implements ChineseNamed {
    MALE("男"), FEMALE("女");

    private final String chinese;

    Gender(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }

    /** Reads {@code 男/女} or {@code MALE/FEMALE}; null when neither. */
    public static Gender parse(String s) {
        return ChineseNamed.parse(Gender.class, s);
    }
}
