package coop.cluster.web.council;

import coop.cluster.web.api.Outcome;
import coop.cluster.web.api.Panels;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Tabling a proposal: one form per kind of motion; the API's refusal is shown next to the fields.
 */
@Controller
class TablingController {

    private final CouncilApi api;
    private final CouncilViews views;

    TablingController(CouncilApi api, CouncilViews views) {
        this.api = api;
        this.views = views;
    }

    @GetMapping("/council/proposals/new")
    String form(@RequestParam(defaultValue = "FEE_SCHEDULE") String kind, Model model) {
        ProposalForm form = new ProposalForm();
        form.setKind(kind);
        LocalDateTime inAWeek =
                LocalDateTime.now(views.zone()).plusDays(7).truncatedTo(ChronoUnit.HOURS);
        form.setDeadline(inAWeek.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16));
        form.setFeeYear(Integer.toString(Year.now(views.zone()).getValue() + 1));
        return show(form, model);
    }

    @PostMapping("/council/proposals")
    String table(
            @ModelAttribute("form") ProposalForm form,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Outcome<CouncilApi.Proposal> outcome =
                Panels.submit("council-table", () -> api.table(form.body(views.zone())));
        if (!outcome.succeeded()) {
            response.setStatus(outcome.problem().status());
            model.addAttribute("problem", CouncilViews.onFormFields(outcome.problem()));
            return show(form, model);
        }
        redirect.addFlashAttribute("tabled", outcome.data().title());
        return "redirect:/council/proposals/" + outcome.data().id();
    }

    private String show(ProposalForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("kinds", ProposalForm.KINDS);
        model.addAttribute("categories", ProposalForm.CATEGORIES);
        model.addAttribute("lateAdmissions", ProposalForm.LATE_ADMISSIONS);
        if ("FEE_EXEMPTION".equals(form.getKind())) {
            model.addAttribute(
                    "organisations", Panels.load("council-organisations", api::organisations));
        }
        return "council/new";
    }
}
