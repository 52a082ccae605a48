package cn.sunshine.platform.events.placement;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code placement.trainee.placed.v1}: a completer was placed in a job (转移就业) for the first time,
 * reported by the base; it counts once per trainee (the numerator of the placement rate).
 * {@code placement.trainee.re-placed.v1} carries the same fields for a re-placement after the
 * trainee left a job (重新安置): a new placement that names the one it follows.
 *
 * @param placementId         our id of the placement
 * @param enrollmentId        the enrollment the trainee completed
 * @param classId             the class
 * @param baseId              the base that reported it
 * @param divisionCode        the base's county
 * @param majorCode           the major trained
 * @param year                the program year of the completion (Asia/Shanghai)
 * @param employerName        the employer's legal name
 * @param employerCreditCode  the employer's unified social credit code (public, GB 32100)
 * @param job                 the job (岗位)
 * @param monthlyWageFen      the monthly wage, in fen
 * @param startDate           first working day (Asia/Shanghai)
 * @param workplace           {@code HOME_COUNTY}, {@code IN_PROVINCE}, {@code OUT_OF_PROVINCE} or {@code ABROAD}
 * @param contractSigned      whether a labour contract was signed
 * @param replacesPlacementId the placement this one follows after the trainee left it (null when placed)
 * @param placedAt            when it was reported
 * @param placedBy            who reported it (token subject)
 * @param employerAddress     optional (added within v1): the workplace's exact address as the base reported it
 *                            (the ledger's 就业单位地址); null in events published before it was added
 * @param employerPhone       optional (added within v1): the employer's HR phone that answers (the employer's, not
 *                            personal data; the ledger's 就业单位电话); null in events published before it was added
 */
public record TraineePlaced(String placementId, String enrollmentId, String classId, String baseId,
                            String divisionCode, String majorCode, int year, String employerName,
                            String employerCreditCode, String job, long monthlyWageFen, LocalDate startDate,
                            String workplace, boolean contractSigned, String replacesPlacementId, Instant placedAt,
                            String placedBy, String employerAddress, String employerPhone) {

    /** As the record was before the optional employer address and phone were added (they are then null). */
    public TraineePlaced(String placementId, String enrollmentId, String classId, String baseId, String divisionCode,
                         String majorCode, int year, String employerName, String employerCreditCode, String job,
                         long monthlyWageFen, LocalDate startDate, String workplace, boolean contractSigned,
                         String replacesPlacementId, Instant placedAt, String placedBy) {
        this(placementId, enrollmentId, classId, baseId, divisionCode, majorCode, year, employerName, employerCreditCode,
                job, monthlyWageFen, startDate, workplace, contractSigned, replacesPlacementId, placedAt, placedBy, null,
                null);
    }
}
