package cn.sunshine.platform.identifiers;

import java.time.LocalDate;

/**
 * How much of a person's data one caller sees: the one masking policy of the platform, applied to
 * every view and export (docs/personal-data.md has the table per role). Two levels:
 * <ul>
 * <li>{@link #WHOLE}: the ID number, phone, household address and birth date as recorded (a county
 * officer of the trainee's county — reads of this level are audited);</li>
 * <li>{@link #MASKED}: the ID number masked as {@code 420981********1234}, the phone as
 * {@code 138****5678}; the birth date and the age are <em>absent</em> (the mask hides exactly the
 * birth-date digits, and the last four include the check character: with the birth date the whole
 * number follows, with the age a few dozen candidates are left); the address is absent except for
 * the trainee's own base ({@link #MASKED_WITH_ADDRESS}), which recorded it and keeps in touch.</li>
 * </ul>
 * Nothing masked is shown next to anything from which the hidden part follows: the masked ID keeps
 * the division (the household county is shown anyway) and the last four (sequence and check),
 * never the birth date; the masked phone keeps three and four digits, and no other field of an
 * answer carries the trainee's phone.
 */
public enum Disclosure {

    WHOLE(true, true),
    MASKED_WITH_ADDRESS(false, true),
    MASKED(false, false);

    private final boolean whole;
    private final boolean address;

    Disclosure(boolean whole, boolean address) {
        this.whole = whole;
        this.address = address;
    }

    public boolean whole() {
        return whole;
    }

    public String idNumber(String id) {
        return whole ? id : PersonalData.maskIdNumber(id);
    }

    public String phone(String phone) {
        return whole ? phone : PersonalData.maskPhone(phone);
    }

    /** The birth date: only with the whole ID number. */
    public LocalDate birthDate(LocalDate birthDate) {
        return whole ? birthDate : null;
    }

    /** The age: only with the whole ID number (with a masked one it narrows the birth date to two years). */
    public Integer age(int age) {
        return whole ? age : null;
    }

    /** A part of the household address (town, village): whole where the level shows it, else absent. */
    public String address(String part) {
        return address ? part : null;
    }
}
