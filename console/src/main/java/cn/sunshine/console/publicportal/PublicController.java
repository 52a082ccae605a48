package cn.sunshine.console.publicportal;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.ConsoleProperties;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.portal.PublicPages;
import cn.sunshine.console.web.ApiErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public portal (no sign-in): a county's accredited training bases and its notice (公示) of the trainees
 * whose subsidy was paid, from the public APIs through the gateway, without any token. Each part that cannot
 * be had says so; the other still shows.
 */
@Controller
public class PublicController extends PublicPages {

    public PublicController(Gateway gateway, ConsoleProperties properties) {
        super(gateway, properties);
    }

    @GetMapping("/public")
    String portal(@RequestParam(required = false) String division, @RequestParam(defaultValue = "0") int page, Model model) {
        String chosen = division(division, model);
        try {
            model.addAttribute("bases", gateway.getPublic("/api/public/accreditation/bases?size=100&division=" + chosen).body());
        } catch (ApiException e) {
            model.addAttribute("basesError", ApiErrors.kindOf(e.status()));
        }
        try {
            model.addAttribute("recipients", gateway.getPublic("/api/public/subsidy/recipients?size=100&page="
                    + Math.max(page, 0) + "&divisionCode=" + chosen).body());
        } catch (ApiException e) {
            model.addAttribute("recipientsError", ApiErrors.kindOf(e.status()));
        }
        return "public";
    }
}
