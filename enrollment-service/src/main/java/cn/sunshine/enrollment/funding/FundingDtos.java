package cn.sunshine.enrollment.funding;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Responses of the other programmes' lists (double funding). */
public final class FundingDtos {

    private FundingDtos() {
    }

    /** A list imported: its id, county, year, programmes and the number of people. */
    public record FundingListView(String id, long version, String divisionCode, int year, List<String> programmes,
                                  int people, Instant importedAt, String importedBy) {
        static FundingListView of(FundingList l) {
            return new FundingListView(l.getId(), l.getVersion(), l.getDivisionCode(), l.getYear(), l.getProgrammes(),
                    l.getPeople().size(), l.getImportedAt(), l.getImportedBy());
        }
    }

    /** A bad row of a list ({@code row} is the line in the file, 1 for the first) or the file itself (0). */
    public record FundingRowError(int row, String field, String message) {
    }

    /**
     * A person enrolled here whom another programme funds for an overlapping period, found after the fact
     * ({@code enrolledBeforeImport}: enrolled before the list came; a later enrollment would have been refused).
     */
    public record FundingMatch(String enrollmentId, String classId, String baseId, String baseName, String divisionCode,
                               String name, String maskedIdNumber, String status, LocalDate classStart,
                               LocalDate classEnd, String programme, LocalDate periodStart, LocalDate periodEnd,
                               String listId, String listDivisionCode, Instant enrolledAt, Instant listImportedAt,
                               boolean enrolledBeforeImport) {
    }
}
