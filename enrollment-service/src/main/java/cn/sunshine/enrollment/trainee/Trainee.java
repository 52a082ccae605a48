package cn.sunshine.enrollment.trainee;

import cn.sunshine.platform.identifiers.PersonalData;

import java.time.LocalDate;

/**
 * The trainee's personal data as the ledger (台帐) records it. Kept only in the enrollment's own
 * document; events and the registry carry the masked number instead.
 *
 * @param name              姓名
 * @param gender            性别
 * @param idNumber          身份证号 (GB 11643), whole
 * @param birthDate         from the ID number
 * @param ageAtEnrollment   whole years on the day of enrollment
 * @param householdDivision the county of the household registration (户籍), 6 digits, inside the province
 * @param town              乡镇
 * @param village           村
 * @param ruralHousehold    农村户籍
 * @param phone             手机, 11 digits
 * @param education         文化程度
 */
public record Trainee(String name, Gender gender, String idNumber, LocalDate birthDate, int ageAtEnrollment,
                      String householdDivision, String town, String village, boolean ruralHousehold, String phone,
                      Education education) {

    public String maskedIdNumber() {
        return PersonalData.maskIdNumber(idNumber);
    }

    public String maskedPhone() {
        return PersonalData.maskPhone(phone);
    }

    @Override
    public String toString() {
        return "Trainee[" + name + ", " + maskedIdNumber() + "]";
    }
}
