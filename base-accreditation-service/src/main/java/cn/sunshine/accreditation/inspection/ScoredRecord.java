package cn.sunshine.accreditation.inspection;

import java.util.List;

/**
 * An inspection record scored against a version of the checklist (a visit, a self-inspection): each item's score as
 * the checklist checked it, their total and the most the version gives. The fields stay at the top of each document.
 */
public abstract class ScoredRecord extends BaseYearRecord {

    protected String checklistVersion;
    protected List<Checklist.Score> scores;
    protected int total;
    protected int maxTotal;

    /** Scores each item against the checklist (a problem names the field {@code scores}) and totals them. */
    protected void scoreAgainst(Checklist checklist, List<Checklist.Score> scores) {
        this.checklistVersion = checklist.version();
        this.scores = checklist.scored(scores, "scores");
        this.total = Checklist.total(this.scores);
        this.maxTotal = checklist.maxTotal();
    }

    public String getChecklistVersion() {
        return checklistVersion;
    }

    public List<Checklist.Score> getScores() {
        return scores;
    }

    public int getTotal() {
        return total;
    }

    public int getMaxTotal() {
        return maxTotal;
    }
}
