package cn.sunshine.subsidy.recovery;

import cn.sunshine.subsidy.claim.ClaimPart;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A paid claim line taken by a recovery order: one document per line, its id the line's key (claim, enrollment,
 * part), inserted once. Whichever order inserts it first recovers the line; no other order can take it, however
 * many orders (an officer's, findings') name it at once. Not an aggregate: a lock with who took it and when.
 */
@Document("recovered_lines")
public class RecoveredLine {

    @Id
    private String id;
    @Indexed
    private String recoveryId;
    private String claimId;
    private String enrollmentId;
    private ClaimPart part;
    private long amountFen;
    private String baseId;
    private Instant takenAt;

    protected RecoveredLine() {
    }

    RecoveredLine(String recoveryId, String claimId, String enrollmentId, ClaimPart part, long amountFen, String baseId,
                  Instant takenAt) {
        this.id = key(claimId, enrollmentId, part);
        this.recoveryId = recoveryId;
        this.claimId = claimId;
        this.enrollmentId = enrollmentId;
        this.part = part;
        this.amountFen = amountFen;
        this.baseId = baseId;
        this.takenAt = takenAt;
    }

    /** The line's key: {@code claimId/enrollmentId/part}. */
    public static String key(String claimId, String enrollmentId, ClaimPart part) {
        return claimId + "/" + enrollmentId + "/" + part;
    }

    public String getId() {
        return id;
    }

    public String getRecoveryId() {
        return recoveryId;
    }

    public String getClaimId() {
        return claimId;
    }

    public String getEnrollmentId() {
        return enrollmentId;
    }

    public ClaimPart getPart() {
        return part;
    }

    public long getAmountFen() {
        return amountFen;
    }

    public String getBaseId() {
        return baseId;
    }

    public Instant getTakenAt() {
        return takenAt;
    }
}
