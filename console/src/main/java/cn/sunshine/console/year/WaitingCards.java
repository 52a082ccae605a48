package cn.sunshine.console.year;

import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.CurrentUser;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.ArrayList;
import java.util.List;

/**
 * The layer supertype of the home page's cards of an area ("what is waiting for me"): each area's advice lays out
 * the cards of the person signed in, read from the APIs with their token; nobody signed in has none.
 */
public abstract class WaitingCards {

    /** A card: its slug (message key and id), where it leads, the count waiting (null: unavailable). */
    public record Card(String slug, String href, Object count) {
    }

    protected final Gateway gateway;
    private final String attribute;

    /** The area's cards go to the home page's model as {@code attribute} (the name its template reads). */
    protected WaitingCards(Gateway gateway, String attribute) {
        this.gateway = gateway;
        this.attribute = attribute;
    }

    /** The cards of the person signed in, in order. */
    @ModelAttribute
    public void cards(Authentication auth, Model model) {
        CurrentUser me = CurrentUser.of(auth);
        List<Card> cards = new ArrayList<>();
        if (me != null) {
            addCards(me, cards);
        }
        model.addAttribute(attribute, cards);
    }

    /** The area's cards for {@code me}, by their roles. */
    protected abstract void addCards(CurrentUser me, List<Card> cards);
}
