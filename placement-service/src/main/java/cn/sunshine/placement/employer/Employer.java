package cn.sunshine.placement.employer;

import cn.sunshine.platform.domain.AggregateRoot;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * An employer that takes trainees (用人单位): legal name, unified social credit code (GB 32100,
 * checked; one record per code), the exact address of the workplace and a working HR phone. All of
 * it is the employer's public business data, not personal data.
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
        return e;
    }

    void update(String name, String address, String hrPhone) {
        this.name = name;
        this.address = address;
        this.hrPhone = hrPhone;
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
