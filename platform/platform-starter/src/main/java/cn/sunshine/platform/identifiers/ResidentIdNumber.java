package cn.sunshine.platform.identifiers;

import cn.sunshine.platform.domain.Phrase;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Resident identity card number (GB 11643): 17 digits and an ISO 7064 MOD 11-2 check character.
 * Personal data: {@link #toString()} is masked; only {@link #value()} gives it whole.
 */
public final class ResidentIdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private final String value;

    private ResidentIdNumber(String value) {
        this.value = value;
    }

    /** Parses a number; the message of the exception says what is wrong, never the number itself. */
    public static ResidentIdNumber parse(String raw) {
        Optional<String> problem = problem(raw);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return new ResidentIdNumber(raw.toUpperCase());
    }

    /** What is wrong with the number, if anything, in plain words. */
    public static Optional<String> problem(String raw) {
        return problemPhrase(raw).map(Phrase::english);
    }

    /** What is wrong with the number, if anything: the English and its message code ({@code id-number.*}). */
    public static Optional<Phrase> problemPhrase(String raw) {
        if (raw == null || raw.length() != 18) {
            return Optional.of(Phrase.coded("id-number.length", "a resident ID number has 18 characters"));
        }
        String v = raw.toUpperCase();
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(v.charAt(i))) {
                return Optional.of(Phrase.coded("id-number.digits", "the first 17 characters of a resident ID number are digits"));
            }
        }
        if (birthDate(v).isEmpty()) {
            return Optional.of(Phrase.coded("id-number.birth-date", "the birth date inside the resident ID number is not a real date"));
        }
        if (checkCharacter(v.substring(0, 17)) != v.charAt(17)) {
            return Optional.of(Phrase.coded("id-number.check-character", "the check character of the resident ID number is wrong"));
        }
        return Optional.empty();
    }

    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    private static Optional<LocalDate> birthDate(String v) {
        try {
            LocalDate d = LocalDate.of(Integer.parseInt(v.substring(6, 10)), Integer.parseInt(v.substring(10, 12)),
                    Integer.parseInt(v.substring(12, 14)));
            return d.getYear() < 1900 ? Optional.empty() : Optional.of(d);
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public String value() {
        return value;
    }

    public LocalDate birthDate() {
        return birthDate(value).orElseThrow();
    }

    /** 1 for male, 2 for female (the 17th digit's parity). */
    public boolean isMale() {
        return (value.charAt(16) - '0') % 2 == 1;
    }

    public String divisionCode() {
        return value.substring(0, 6);
    }

    public String masked() {
        return PersonalData.maskIdNumber(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResidentIdNumber other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return masked();
    }
}
