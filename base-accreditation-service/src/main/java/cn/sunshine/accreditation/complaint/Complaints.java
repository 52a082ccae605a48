package cn.sunshine.accreditation.complaint;

import cn.sunshine.platform.usecase.Filters;
import cn.sunshine.accreditation.base.Base;
import cn.sunshine.accreditation.base.BaseRepository;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.identifiers.DivisionCode;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.time.ProgramCalendar;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.platform.web.PageResult;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Use cases of complaints (监督举报): receiving one (the hotline here, the web form through
 * {@link PublicComplaints}), its steps through the kernel ({@link Changes}), the officials' lists (overdue ones
 * among them) and the public statistics per county.
 */
@Service
@EnableConfigurationProperties(ComplaintProperties.class)
public class Complaints extends UseCase {

    private final BaseRepository bases;
    private final ComplaintProperties properties;

    public Complaints(Changes changes, BaseRepository bases, ComplaintProperties properties, Clock clock) {
        super(changes, clock);
        this.bases = bases;
        this.properties = properties;
    }

    /** A complaint taken on the county's hotline by one of its officers (anonymous without a complainant). */
    public Complaint takeCall(ComplaintDtos.ComplaintRequest r) {
        CurrentUser user = Jurisdiction.officerFor(r.divisionCode());
        return receive(null, r, Complaint.Channel.HOTLINE, user.subject());
    }

    /** Receives a complaint with this id (null: a new one); a repeated receipt of the same id answers the first. */
    Complaint receive(String id, ComplaintDtos.ComplaintRequest r, Complaint.Channel channel, String receivedBy) {
        Complaint.Subject subject = subject(r.divisionCode(), r.subject());
        Complaint.Contact contact = r.complainant() == null ? null
                : new Complaint.Contact(r.complainant().name().trim(), r.complainant().phone().trim());
        Complaint c = Complaint.receive(id, r.divisionCode(), channel, contact, subject, r.statement().trim(), receivedBy,
                properties, clock);
        try {
            return store.insert(c);
        } catch (DuplicateKeyException again) {
            Complaint first = mongo.findById(id, Complaint.class);
            if (first == null) {
                throw again;
            }
            return first;
        }
    }

    /** Checks a request's subject before anything is sent or stored: a named base must be of the county. */
    void check(ComplaintDtos.ComplaintRequest r) {
        subject(r.divisionCode(), r.subject());
    }

    private Complaint.Subject subject(String divisionCode, ComplaintDtos.SubjectDto s) {
        String baseId = blankToNull(s.baseId());
        String classId = blankToNull(s.classId());
        String description = blankToNull(s.description());
        if (s.type() == Complaint.SubjectType.BASE && baseId == null) {
            throw DomainException.invalidField("subject.baseId", Phrase.coded("complaint.base-required",
                    "name the base the complaint is about"));
        }
        if (s.type() == Complaint.SubjectType.CLASS && classId == null) {
            throw DomainException.invalidField("subject.classId", Phrase.coded("complaint.class-required",
                    "name the class the complaint is about"));
        }
        if (s.type() == Complaint.SubjectType.OFFICER_CONDUCT && description == null) {
            throw DomainException.invalidField("subject.description", Phrase.coded("complaint.description-required",
                    "say whose conduct the complaint is about"));
        }
        if (baseId != null) {
            Base base = bases.findById(baseId).orElse(null);
            if (base == null || !divisionCode.equals(base.getDivisionCode())) {
                throw DomainException.invalidField("subject.baseId", Phrase.coded("complaint.base-not-of-county",
                        "no base of county " + divisionCode + " has this id", divisionCode));
            }
        }
        return new Complaint.Subject(s.type(), baseId, classId, description);
    }

    public Complaint assign(String id, String ifMatch, ComplaintDtos.AssignmentRequest r) {
        return changes.change(Complaint.class, id, ifMatch, c -> Jurisdiction.officerOver(c.getDivisionCode(), what(id)),
                (c, user) -> {
                    String handler = r == null || blankToNull(r.handler()) == null ? user.subject() : r.handler().trim();
                    String name = r == null ? null : blankToNull(r.handlerName());
                    c.assign(handler, name != null ? name : handler.equals(user.subject()) ? user.name() : null,
                            user.subject(), properties, clock);
                });
    }

    public Complaint investigate(String id, String ifMatch, ComplaintDtos.NoteRequest r) {
        return changes.change(Complaint.class, id, ifMatch, c -> Jurisdiction.officerOver(c.getDivisionCode(), what(id)),
                (c, user) -> c.investigate(user.subject(), r == null ? null : blankToNull(r.note()), clock));
    }

    public Complaint answer(String id, String ifMatch, ComplaintDtos.AnswerRequest r) {
        List<String> findings = r.findings() == null ? List.of() : r.findings().stream().map(String::trim).toList();
        return changes.change(Complaint.class, id, ifMatch, c -> Jurisdiction.officerOver(c.getDivisionCode(), what(id)),
                (c, user) -> c.answer(r.substantiated(), findings, r.reply().trim(), user.subject(), clock));
    }

    public Complaint close(String id, String ifMatch, ComplaintDtos.NoteRequest r) {
        return changes.change(Complaint.class, id, ifMatch, c -> Jurisdiction.officerOver(c.getDivisionCode(), what(id)),
                (c, user) -> c.close(user.subject(), r == null ? null : blankToNull(r.note()), clock));
    }

    /** One complaint, for an official covering its county. */
    public Complaint get(String id) {
        return changes.load(Complaint.class, id, c -> Jurisdiction.roleOver(c.getDivisionCode(), what(id),
                Jurisdiction.OFFICIALS));
    }

    /**
     * The complaints of the caller's jurisdiction, newest first; {@code overdue=true}: those past their current
     * step's due day, the most overdue first.
     */
    public PageResult<Complaint> list(String division, Integer year, Complaint.Status status, Boolean overdue,
                                      Integer page, Integer size) {
        Jurisdiction.requireRole(Jurisdiction.OFFICIALS);
        Filters filters = Filters.within(Jurisdiction.scope("divisionCode")).under(division).is("year", year)
                .is("status", status);
        Sort sort = Sort.by(Sort.Direction.DESC, "receivedAt");
        if (Boolean.TRUE.equals(overdue)) {
            filters.and(Criteria.where("dueDate").lt(ProgramCalendar.today(clock).toString()));
            sort = Sort.by("dueDate", "receivedAt");
        }
        return filters.page(mongo, Complaint.class, page, size, sort);
    }

    /** Today in the programme's calendar (for the views' overdue flag). */
    public LocalDate today() {
        return ProgramCalendar.today(clock);
    }

    /** Per county of {@code division} (the province when absent): received, answered, on time, substantiated, overdue. */
    public ComplaintDtos.Statistics statistics(String division, Integer year) {
        int y = year != null ? year : ProgramCalendar.today(clock).getYear();
        Query q = Query.query(Criteria.where("year").is(y));
        if (division != null) {
            q.addCriteria(Criteria.where("divisionCode").regex("^" + DivisionCode.of(division).prefix()));
        }
        q.fields().include("divisionCode", "status", "dueDate", "answer.onTime", "answer.substantiated");
        LocalDate today = ProgramCalendar.today(clock);
        Map<String, long[]> byCounty = new TreeMap<>();
        for (Complaint c : mongo.find(q, Complaint.class)) {
            long[] n = byCounty.computeIfAbsent(c.getDivisionCode(), k -> new long[5]);
            n[0]++;
            if (c.getAnswer() != null) {
                n[1]++;
                n[2] += c.getAnswer().onTime() ? 1 : 0;
                n[3] += c.getAnswer().substantiated() ? 1 : 0;
            }
            n[4] += c.overdueOn(today) ? 1 : 0;
        }
        return new ComplaintDtos.Statistics(y, byCounty.entrySet().stream().map(e -> new ComplaintDtos.CountyStatistics(
                e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3], e.getValue()[4])).toList());
    }

    private static String what(String id) {
        return "complaint " + id;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
