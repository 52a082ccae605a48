package cn.sunshine.enrollment.funding;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.enrollment.FundingListImported;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Another programme's list of people it funds for training (雨露计划, 再就业培训, …), imported by a county for a year:
 * one document, so a list is there wholly or not at all. A person is held by the registry's key (the keyed hash of
 * the ID number) and the masked number, never the number itself. Insert-only.
 */
@Document("funding_lists")
@CompoundIndex(name = "person", def = "{'people.personKey': 1}")
@CompoundIndex(name = "division_year", def = "{'divisionCode': 1, 'year': 1}")
public class FundingList extends AggregateRoot {

    /** One row of the list: who, which programme, and the days of the training it funds. */
    public record Funded(int row, String personKey, String maskedIdNumber, String name, String programme,
                         LocalDate periodStart, LocalDate periodEnd) {
    }

    private String divisionCode;
    private int year;
    private List<String> programmes;
    private List<Funded> people;
    private Instant importedAt;
    private String importedBy;

    protected FundingList() {
    }

    public static FundingList imported(String divisionCode, int year, List<Funded> people, String actor, Instant now) {
        FundingList l = new FundingList();
        l.id = Ids.newId();
        l.divisionCode = divisionCode;
        l.year = year;
        l.programmes = people.stream().map(Funded::programme).distinct().sorted().toList();
        l.people = List.copyOf(people);
        l.importedAt = now;
        l.importedBy = actor;
        l.recordEvent(EventTypes.FUNDING_LIST_IMPORTED, new FundingListImported(l.id, divisionCode, year, l.programmes,
                people.size(), now, actor), divisionCode, now);
        return l;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public int getYear() {
        return year;
    }

    public List<String> getProgrammes() {
        return programmes == null ? List.of() : programmes;
    }

    public List<Funded> getPeople() {
        return people == null ? List.of() : people;
    }

    public Instant getImportedAt() {
        return importedAt;
    }

    public String getImportedBy() {
        return importedBy;
    }
}
