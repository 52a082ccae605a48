package cn.sunshine.console.teaching;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.ApiErrors;
import cn.sunshine.console.web.CurrentUser;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;

import static cn.sunshine.console.web.FormFeedback.formProblem;
import static cn.sunshine.console.classes.BaseClassesController.MAX_ROSTER_BYTES;
import static cn.sunshine.console.classes.BaseClassesController.key;
import static cn.sunshine.console.classes.BaseClassesController.spreadsheetType;
import static cn.sunshine.console.year.ClassWorkController.require;

/**
 * Other programmes' recipients (雨露计划, 再就业培训) against double funding: the county officer imports a programme's
 * list for the year (CSV or Excel, all rows or none; a refused file's rows are listed in the page), and officials
 * see the lists imported and the people enrolled whom a list funds for overlapping days (found after the fact).
 */
@Controller
public class FundingPagesController {

    static final String[] READERS = {"COUNTY_OFFICER", "COUNTY_LEADER", "CITY_OFFICER", "PROVINCE_OFFICER", "AUDITOR",
            "FINANCE_OFFICER"};

    private final Gateway gateway;

    public FundingPagesController(Gateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/funding")
    String page(@RequestParam(required = false) Integer year, Authentication auth, Model model) {
        require(auth, READERS);
        draw(year(year), auth, model);
        return "teaching/funding";
    }

    @PostMapping("/funding")
    String upload(@RequestParam(required = false) Integer year, @RequestParam(name = "file", required = false) MultipartFile file,
                  @RequestParam String fundingKey, Authentication auth, HttpServletResponse response, Model model)
            throws IOException {
        require(auth, "COUNTY_OFFICER");
        int y = year(year);
        String name = file == null || file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        MediaType type = spreadsheetType(name);
        String local = file == null || file.isEmpty() ? "funding.file.missing" : type == null ? "funding.file.type"
                : file.getSize() > MAX_ROSTER_BYTES ? "funding.file.tooLarge" : null;
        ApiException refused = null;
        if (local == null) {
            try {
                Map<String, Object> list = gateway.postBytes("/api/enrollment/funding-lists?year=" + y, file.getBytes(), type,
                        h -> h.set("Idempotency-Key", fundingKey)).body();
                return "redirect:/funding?year=" + y + "&imported=" + list.getOrDefault("people", 0);
            } catch (ApiException e) {
                if (e.status() != 413) {
                    formProblem(e);
                }
                refused = e;
            }
        }
        model.addAttribute("fundingFeedback", refused == null || refused.status() == 413 ? ApiErrors.Kind.INVALID
                : ApiErrors.kindOf(refused));
        model.addAttribute("fundingProblem", refused);
        model.addAttribute("fundingMessageKey", local != null ? local : refused.status() == 413 ? "funding.file.tooLarge"
                : !refused.rows().isEmpty() ? "error.invalid" : null);
        model.addAttribute("fundingFile", name);
        response.setStatus(ApiErrors.Kind.INVALID.pageStatus());
        draw(y, auth, model);
        return "teaching/funding";
    }

    private void draw(int year, Authentication auth, Model model) {
        CurrentUser me = CurrentUser.of(auth);
        model.addAttribute("year", year);
        model.addAttribute("canImport", me != null && me.has("COUNTY_OFFICER"));
        model.addAttribute("lists", gateway.get("/api/enrollment/funding-lists?year=" + year + "&size=100").body());
        model.addAttribute("matches", gateway.get("/api/enrollment/funding-matches?year=" + year + "&size=200").body());
        // A refused file frees its key: the corrected file goes with a new one.
        model.addAttribute("fundingKey", key());
    }

    private static int year(Integer year) {
        int now = LocalDate.now(cn.sunshine.console.web.Formats.PROGRAMME_ZONE).getYear();
        return year == null || year < 2000 || year > now + 1 ? now : year;
    }
}
