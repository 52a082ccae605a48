package cn.sunshine.enrollment.trainee;

/**
 * A trainee's teaching hours (学时): those of the lessons recorded for them, and those they attended.
 * Excused absences (请假) count as hours not attended: the subsidy pays for training received.
 *
 * @param held     hours of the lessons the trainee was on the attendance list of
 * @param attended hours of those they were present at
 */
public record AttendedHours(int held, int attended) {

    public static final AttendedHours NONE = new AttendedHours(0, 0);

    /** The share attended in basis points (1/100 of a percent), 10000 when nothing was held. */
    public int shareBp() {
        return held == 0 ? 10_000 : (int) (attended * 10_000L / held);
    }

    /** A share in basis points as a percentage with two decimals: "62.50%". */
    public static String percent(int bp) {
        return String.format("%d.%02d%%", bp / 100, bp % 100);
    }

    /** Where the hours come from: the teaching records (kept in another feature, which implements this). */
    public interface Source {
        /** The hours of one trainee of a class; {@link #NONE} when the class keeps no teaching records. */
        AttendedHours of(String classId, String enrollmentId);

        /** Every trainee's hours in a class, by enrollment id (a trainee not on any list is absent from the map). */
        java.util.Map<String, AttendedHours> ofClass(String classId);
    }
}
