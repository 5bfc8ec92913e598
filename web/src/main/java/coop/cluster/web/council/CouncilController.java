package coop.cluster.web.council;

import coop.cluster.web.api.Outcome;
import coop.cluster.web.api.Panel;
import coop.cluster.web.api.Panels;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The council for delegates and managers: the open proposals with their deadline, a proposal with
 * its live tally, and the vote (a confirmation page, then the ballot; a second one changes it while
 * the vote is open).
 */
@Controller
class CouncilController {

    static final List<String> CHOICES = List.of("FOR", "AGAINST", "ABSTAIN");

    private final CouncilApi api;

    CouncilController(CouncilApi api) {
        this.api = api;
    }

    @GetMapping("/council")
    String council(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("open", Panels.load("council-open", () -> api.proposals("OPEN", 0, 50)));
        model.addAttribute(
                "all",
                Panels.load("council-proposals", () -> api.proposals(null, Math.max(0, page), 10)));
        return "council/index";
    }

    @GetMapping("/council/proposals/{id}")
    String proposal(@PathVariable String id, Model model) {
        Panel<CouncilApi.Proposal> proposal =
                Panels.load("council-proposal", () -> api.proposal(checked(id)));
        model.addAttribute("proposal", proposal);
        model.addAttribute("delegates", Panels.load("council-seats", this::delegateNames));
        model.addAttribute("choices", CHOICES);
        return "council/proposal";
    }

    /** The tally alone, polled by the proposal's page while the vote is open (htmx). */
    @GetMapping("/council/proposals/{id}/tally")
    String tally(@PathVariable String id, Model model) {
        model.addAttribute(
                "proposal", Panels.load("council-tally", () -> api.proposal(checked(id))));
        return "council/proposal :: tally";
    }

    /**
     * What voting {@code choice} means, and until when it can be changed, before the ballot is
     * cast.
     */
    @GetMapping("/council/proposals/{id}/vote")
    String confirmVote(@PathVariable String id, @RequestParam String choice, Model model) {
        checkChoice(choice);
        model.addAttribute(
                "proposal", Panels.load("council-proposal", () -> api.proposal(checked(id))));
        model.addAttribute("choice", choice);
        return "council/vote";
    }

    @PostMapping("/council/proposals/{id}/vote")
    String vote(
            @PathVariable String id,
            @RequestParam String choice,
            @RequestParam(defaultValue = "false") boolean change,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        checked(id);
        checkChoice(choice);
        Outcome<CouncilApi.Proposal> outcome =
                Panels.submit("council-vote", () -> api.vote(id, choice, change));
        boolean changed = change;
        if (!outcome.succeeded() && !change && "already-voted".equals(outcome.problem().code())) {
            // a ballot cast meanwhile (another tab): this one changes it
            outcome = Panels.submit("council-vote", () -> api.vote(id, choice, true));
            changed = true;
        }
        if (!outcome.succeeded()) {
            response.setStatus(outcome.problem().status());
            model.addAttribute("problem", outcome.problem());
            model.addAttribute("proposal", Panels.load("council-proposal", () -> api.proposal(id)));
            model.addAttribute("choice", choice);
            return "council/vote";
        }
        redirect.addFlashAttribute("voted", choice);
        redirect.addFlashAttribute("voteChanged", changed);
        return "redirect:/council/proposals/" + id;
    }

    private Map<String, String> delegateNames() {
        return api.seats().stream()
                .filter(s -> s.member() != null && s.delegateName() != null)
                .collect(
                        Collectors.toMap(
                                CouncilApi.Seat::member,
                                CouncilApi.Seat::delegateName,
                                (a, b) -> a));
    }

    static String checked(String id) {
        if (!CouncilViews.ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return id;
    }

    private static void checkChoice(String choice) {
        if (choice == null || !CHOICES.contains(choice)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
