package cn.sunshine.platform.events.accreditation;

import java.time.Instant;
import java.util.List;

/**
 * {@code accreditation.tender.published.v1}: a county (or city) published a tender notice (招标公告)
 * for training bases.
 *
 * @param tenderId            our id of the tender
 * @param divisionCode        the publishing office's division
 * @param year                the program year the bases are sought for
 * @param title               the notice's title
 * @param applicationOpensAt  first instant applications are accepted
 * @param applicationClosesAt the instant the window closes
 * @param majors              the majors sought, with capacity
 * @param publishedAt         when it was published
 * @param publishedBy         the publishing officer (token subject)
 */
public record TenderPublished(String tenderId, String divisionCode, int year, String title,
                              Instant applicationOpensAt, Instant applicationClosesAt, List<SoughtMajor> majors,
                              Instant publishedAt, String publishedBy) {
}
