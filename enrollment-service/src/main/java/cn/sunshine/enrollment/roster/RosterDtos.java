package cn.sunshine.enrollment.roster;

import java.util.List;

/** Responses of the roster import. */
public final class RosterDtos {

    private RosterDtos() {
    }

    /** The roster imported: the class and the enrollments made. */
    public record ImportedView(String classId, int imported, List<String> enrollmentIds) {
    }

    /** A bad row ({@code row} is the line in the file, 1 for the first) or the file itself ({@code row} 0). */
    public record RowError(int row, String field, String message) {
    }
}
