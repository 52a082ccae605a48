package cn.sunshine.enrollment.registry;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One person registered for one program year, province-wide: the guard of "one subsidy per person
 * per year". Its {@code _id} is the keyed hash of the ID number and the year, so inserting it is the
 * one single-document check that no other base of any county enrolled the person this year. It
 * never holds the ID number itself.
 *
 * @param id             {@code <HMAC-SHA256 of the ID number>/<year>}
 * @param enrollmentId   the enrollment holding the registration
 * @param baseId         where the person is enrolled
 * @param baseName       its name, to tell a refused base where
 * @param divisionCode   its county
 * @param maskedIdNumber the masked number, to show with a refusal
 * @param registeredAt   when
 */
@Document("person_years")
public record PersonYear(@Id String id, @Indexed String enrollmentId, String baseId, String baseName,
                         String divisionCode, String maskedIdNumber, Instant registeredAt) {

    public static String id(String personKey, int year) {
        return personKey + "/" + year;
    }
}
