package cn.sunshine.platform.events.accreditation;

/**
 * One major of a training-and-transfer agreement.
 *
 * @param majorCode stable code of the major
 * @param majorName its name
 * @param quota     trainees the base undertakes to train and transfer in the year
 * @param feeFen    the fee per trainee, in fen
 */
public record AgreedMajor(String majorCode, String majorName, int quota, long feeFen) {
}
