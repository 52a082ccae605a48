package cn.sunshine.placement.employer;

import cn.sunshine.platform.domain.AggregateRoot;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An employer that takes trainees (用人单位): legal name, unified social credit code (GB 32100,
 * checked; one record per code), the exact address of the workplace and a working HR phone. All of
 * it is the employer's public business data, not personal data.
 *
 * <p>The employer belongs to the division that registered it ({@code registeredInDivision}: the
 * county of the officer or base staff who registered it). Only that division's officers, or the
 * province's, change it, each change a new {@link Revision} with who, when and why; nothing is
 * overwritten without its revision (revision 1 is the registration). Placements and orders copy
 * the employer as it was when they were made, so a later change never rewrites them.
 */
@Document("placement_employers")
public class Employer extends AggregateRoot {

    private String name;
    @Indexed(unique = true)
    private String creditCode;
    private String address;
    private String hrPhone;
    private String registeredInDivision;
    private Instant registeredAt;
    private String registeredBy;
    private List<Revision> revisions = new ArrayList<>();

    /** One state of the employer: the values, who set them, when and why. */
    public record Revision(int number, String name, String address, String hrPhone, String by, Instant at,
                           String reason) {
    }

    protected Employer() {
    }

    static Employer register(String id, String name, String creditCode, String address, String hrPhone,
                             String division, Instant now, String by) {
        Employer e = new Employer();
        e.id = id;
        e.name = name;
        e.creditCode = creditCode;
        e.address = address;
        e.hrPhone = hrPhone;
        e.registeredInDivision = division;
        e.registeredAt = now;
        e.registeredBy = by;
        e.revisions = new ArrayList<>(List.of(new Revision(1, name, address, hrPhone, by, now, "registered")));
        return e;
    }

    /** A change by an officer allowed to make it (checked by the caller), with its reason. */
    Revision change(String name, String address, String hrPhone, String by, Instant at, String reason) {
        List<Revision> history = new ArrayList<>(getRevisions());
        Revision r = new Revision(history.size() + 1, name, address, hrPhone, by, at, reason);
        history.add(r);
        this.revisions = history;
        this.name = name;
        this.address = address;
        this.hrPhone = hrPhone;
        return r;
    }

    /**
     * Every state of the employer, oldest first. A record written before revisions were kept starts
     * with its registration as revision 1 (the values it held then are not known: the current ones).
     */
    public List<Revision> getRevisions() {
        if (revisions == null || revisions.isEmpty()) {
            return List.of(new Revision(1, name, address, hrPhone, registeredBy, registeredAt, "registered"));
        }
        return List.copyOf(revisions);
    }

    public String getName() {
        return name;
    }

    public String getCreditCode() {
        return creditCode;
    }

    public String getAddress() {
        return address;
    }

    public String getHrPhone() {
        return hrPhone;
    }

    public String getRegisteredInDivision() {
        return registeredInDivision;
    }

    public Instant getRegisteredAt() {
        return registeredAt;
    }

    public String getRegisteredBy() {
        return registeredBy;
    }
}
