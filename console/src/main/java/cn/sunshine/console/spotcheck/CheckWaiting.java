package cn.sunshine.console.spotcheck;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.recovery.RecoveriesController;
import cn.sunshine.console.web.CurrentUser;
import cn.sunshine.console.web.HomeController;
import cn.sunshine.console.year.ClassWorkController;
import cn.sunshine.console.year.WaitingCards;
import org.springframework.web.bind.annotation.ControllerAdvice;

import java.util.List;
import java.util.Map;

/**
 * The home page's cards of the checks and the money's return: for the county officer the spot checks still open
 * (calls to make, then the conclusion); for finance the recoveries waiting for the base's repayment to be recorded
 * and those recorded waiting for a second finance officer's confirmation. A count that does not answer reads
 * "unavailable".
 */
@ControllerAdvice(assignableTypes = HomeController.class)
public class CheckWaiting extends WaitingCards {

    public CheckWaiting(Gateway gateway) {
        super(gateway, "checkWaiting");
    }

    @Override
    protected void addCards(CurrentUser me, List<Card> cards) {
        if (me.has("COUNTY_OFFICER")) {
            Object open;
            try {
                // the API lists newest first and has no status filter: the open ones are among the latest hundred
                Gateway.Answer answer = gateway.get("/api/placement/spot-checks?size=100");
                open = answer != null && answer.body().get("items") instanceof List<?> items
                        ? items.stream().filter(i -> i instanceof Map<?, ?> m && "OPEN".equals(m.get("status"))).count() : null;
            } catch (ApiException e) {
                ClassWorkController.signInAgain(e);
                open = null;
            }
            cards.add(new Card("spotChecks", "/spot-checks", open));
        }
        if (me.has("FINANCE_OFFICER")) {
            Object toRecord = null;
            Object toConfirm = null;
            try {
                RecoveriesController.Listing listing = RecoveriesController.listing(gateway);
                if (listing.unavailable() == 0) {
                    toRecord = listing.orders().stream().filter(o -> "OPEN".equals(o.get("status"))).count();
                    toConfirm = listing.orders().stream().filter(o -> "SETTLEMENT_RECORDED".equals(o.get("status"))).count();
                }
            } catch (ApiException e) {
                ClassWorkController.signInAgain(e);
            }
            cards.add(new Card("recoveriesOpen", "/recoveries?status=OPEN", toRecord));
            cards.add(new Card("recoveriesRecorded", "/recoveries?status=SETTLEMENT_RECORDED", toConfirm));
        }
    }
}
