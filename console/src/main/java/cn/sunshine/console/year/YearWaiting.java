package cn.sunshine.console.year;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.CurrentUser;
import cn.sunshine.console.web.HomeController;
import org.springframework.web.bind.annotation.ControllerAdvice;

import java.util.List;

/**
 * The home page's cards of the year's work ("what is waiting for me"): for the county officer the classes reported
 * and waiting for their opening, the follow-ups due and the labour-rights cases open; for base staff their
 * follow-ups due. Each count is the list's {@code total} (size=1); a count that does not answer reads "unavailable".
 */
@ControllerAdvice(assignableTypes = HomeController.class)
public class YearWaiting extends WaitingCards {

    public YearWaiting(Gateway gateway) {
        super(gateway, "yearWaiting");
    }

    @Override
    protected void addCards(CurrentUser me, List<Card> cards) {
        if (me.has("COUNTY_OFFICER")) {
            cards.add(card("opening", "/classes?status=REPORTED", "/api/enrollment/classes?status=REPORTED&size=1"));
        }
        if (me.has("COUNTY_OFFICER") || me.has("BASE_STAFF")) {
            cards.add(card("followUps", "/follow-ups", "/api/placement/follow-ups?state=DUE&size=1"));
        }
        if (me.has("COUNTY_OFFICER")) {
            cards.add(card("escalations", "/escalations", "/api/placement/escalations?status=OPEN&size=1"));
        }
    }

    private Card card(String slug, String href, String count) {
        try {
            Gateway.Answer answer = gateway.get(count);
            return new Card(slug, href, answer == null ? null : answer.body().get("total"));
        } catch (ApiException e) {
            ClassWorkController.signInAgain(e);
            return new Card(slug, href, null);
        }
    }
}
