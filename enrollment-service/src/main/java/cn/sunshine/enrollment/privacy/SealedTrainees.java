package cn.sunshine.enrollment.privacy;

import cn.sunshine.enrollment.trainee.Education;
import cn.sunshine.enrollment.trainee.Gender;
import cn.sunshine.enrollment.trainee.Trainee;
import cn.sunshine.platform.config.MongoConverters;
import cn.sunshine.platform.crypto.EnvelopeCipher;
import cn.sunshine.platform.crypto.Sealed;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;

import java.time.LocalDate;
import java.util.List;

/**
 * How a trainee's personal data lies in the enrollment document: the ID number, birth date, phone
 * and household town and village only inside {@code trainee.sealed} (envelope encryption, a data key
 * per record wrapped under a KEK); name, gender, age, household county, rural household and
 * education in the clear (lists, sorting and figures use them). The document holds no digit of the
 * ID number or phone, not even masked: the masked forms are derived when read. A document written
 * before sealing (the fields in the clear) is still read, and sealed by {@link PersonalDataKeys#rewrapAll()}.
 */
public final class SealedTrainees implements MongoConverters {

    public static final String SEALED = "sealed";

    private final EnvelopeCipher cipher;

    public SealedTrainees(EnvelopeCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public List<?> converters() {
        return List.of(new Write(), new Read());
    }

    public EnvelopeCipher cipher() {
        return cipher;
    }

    public Document seal(Trainee t) {
        Document secret = new Document("idNumber", t.idNumber())
                .append("birthDate", t.birthDate() == null ? null : t.birthDate().toString())
                .append("phone", t.phone()).append("town", t.town()).append("village", t.village());
        return new Document("name", t.name())
                .append("gender", t.gender() == null ? null : t.gender().name())
                .append("ageAtEnrollment", t.ageAtEnrollment())
                .append("householdDivision", t.householdDivision())
                .append("ruralHousehold", t.ruralHousehold())
                .append("education", t.education() == null ? null : t.education().name())
                .append(SEALED, toDocument(cipher.seal(secret.toJson())));
    }

    public Trainee open(Document d) {
        Document secret = d.get(SEALED) instanceof Document s ? Document.parse(cipher.openString(fromDocument(s))) : d;
        String birth = secret.get("birthDate") == null ? null : secret.get("birthDate").toString();
        return new Trainee(d.getString("name"), d.getString("gender") == null ? null : Gender.valueOf(d.getString("gender")),
                secret.getString("idNumber"), birth == null ? null : LocalDate.parse(birth),
                d.get("ageAtEnrollment") instanceof Number n ? n.intValue() : 0,
                d.getString("householdDivision"), secret.getString("town"), secret.getString("village"),
                Boolean.TRUE.equals(d.getBoolean("ruralHousehold")), secret.getString("phone"),
                d.getString("education") == null ? null : Education.valueOf(d.getString("education")));
    }

    public static Document toDocument(Sealed s) {
        return new Document("v", 1).append("kid", s.keyId()).append("dk", new Binary(s.wrappedKey()))
                .append("iv", new Binary(s.iv())).append("ct", new Binary(s.data()));
    }

    public static Sealed fromDocument(Document d) {
        return new Sealed(d.getString("kid"), bytes(d.get("dk")), bytes(d.get("iv")), bytes(d.get("ct")));
    }

    private static byte[] bytes(Object o) {
        return o instanceof Binary b ? b.getData() : (byte[]) o;
    }

    @WritingConverter
    final class Write implements Converter<Trainee, Document> {
        @Override
        public Document convert(Trainee source) {
            return seal(source);
        }
    }

    @ReadingConverter
    final class Read implements Converter<Document, Trainee> {
        @Override
        public Trainee convert(Document source) {
            return open(source);
        }
    }
}
