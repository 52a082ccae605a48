package cn.sunshine.enrollment.trainee;

/** 文化程度. */
public enum Education implements ChineseNamed {
    NONE("文盲或半文盲"), PRIMARY("小学"), JUNIOR_SECONDARY("初中"), SENIOR_SECONDARY("高中"),
    VOCATIONAL_SECONDARY("中专"), COLLEGE("大专及以上");

    private final String chinese;

    Education(String chinese) {
        this.chinese = chinese;
    }

    @Override
    public String chinese() {
        return chinese;
    }

    /** Reads the code or the Chinese name; null when neither. */
    public static Education parse(String s) {
        return ChineseNamed.parse(Education.class, s);
    }
}
