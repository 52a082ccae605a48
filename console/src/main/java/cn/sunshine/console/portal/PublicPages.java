package cn.sunshine.console.portal;

import cn.sunshine.console.api.ConsoleProperties;
import cn.sunshine.console.api.Gateway;
import org.springframework.ui.Model;

/**
 * The layer supertype of the public's pages (no sign-in): they read the public APIs through the gateway, without a
 * token, for one of the counties the portal offers ({@code sunshine.console.public-divisions}).
 */
public abstract class PublicPages {

    protected final Gateway gateway;
    protected final ConsoleProperties properties;

    protected PublicPages(Gateway gateway, ConsoleProperties properties) {
        this.gateway = gateway;
        this.properties = properties;
    }

    /** The county chooser of a public page: the counties offered, the one chosen and its name; the one chosen. */
    protected String division(String asked, Model model) {
        String chosen = properties.publicDivision(asked);
        model.addAttribute("divisions", properties.publicDivisions());
        model.addAttribute("division", chosen);
        model.addAttribute("divisionName", properties.publicDivisionName(chosen));
        return chosen;
    }
}
