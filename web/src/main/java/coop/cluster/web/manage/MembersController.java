package coop.cluster.web.manage;

import coop.cluster.web.api.ApiProblem;
import coop.cluster.web.api.Outcome;
import coop.cluster.web.api.Panel;
import coop.cluster.web.api.Panels;
import coop.cluster.web.council.CouncilViews;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * The manager's index, the applications to admit or reject, the members list and a member's page
 * with the lifecycle acts membership-service offers, each behind its own confirmation page.
 */
@Controller
class MembersController {

    static final List<String> STATUSES =
            List.of("APPLIED", "ACTIVE", "SUSPENDED", "LEFT", "EXCLUDED", "REJECTED");

    /** The acts a member's status allows (membership-service's state machine). */
    static final Map<String, List<String>> ACTS =
            Map.of(
                    "APPLIED", List.of("admit", "reject"),
                    "ACTIVE", List.of("suspend", "exclude", "leave"),
                    "SUSPENDED", List.of("reinstate", "exclude", "leave"));

    /** Acts whose reason the API requires. */
    static final List<String> REASON_REQUIRED = List.of("reject", "suspend", "exclude");

    private final ManageApi api;

    MembersController(ManageApi api) {
        this.api = api;
    }

    @GetMapping("/manage")
    String index(Model model) {
        model.addAttribute(
                "applications",
                Panels.load("manage-applications", () -> api.members("APPLIED", 0, 5)));
        Panel<List<ManageApi.Proposal>> agenda =
                Panels.load("manage-agenda", () -> api.openProposals().content());
        model.addAttribute("agenda", agenda);
        Instant soon = Instant.now().plus(Duration.ofHours(48));
        model.addAttribute(
                "closingSoon",
                agenda.unavailable()
                        ? 0L
                        : agenda.data().stream()
                                .filter(p -> p.deadline() != null && p.deadline().isBefore(soon))
                                .count());
        model.addAttribute("soon", soon);
        return "manage/index";
    }

    @GetMapping("/manage/applications")
    String applications(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute(
                "applications",
                Panels.load(
                        "manage-applications",
                        () -> api.members("APPLIED", Math.max(0, page), 20)));
        return "manage/applications";
    }

    @GetMapping("/manage/members")
    String members(
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String filter = status != null && STATUSES.contains(status) ? status : null;
        model.addAttribute("status", filter == null ? "" : filter);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute(
                "members",
                Panels.load("manage-members", () -> api.members(filter, Math.max(0, page), 20)));
        return "manage/members";
    }

    @GetMapping("/manage/members/{id}")
    String member(@PathVariable String id, Model model) {
        Panel<ManageApi.Member> member =
                Panels.load("manage-member", () -> api.member(checked(id)));
        model.addAttribute("member", member);
        model.addAttribute(
                "acts",
                member.unavailable()
                        ? List.of()
                        : ACTS.getOrDefault(member.data().status(), List.of()));
        return "manage/member";
    }

    @GetMapping("/manage/members/{id}/{act:admit|reject|suspend|reinstate|exclude|leave}")
    String confirm(@PathVariable String id, @PathVariable String act, Model model) {
        Panel<ManageApi.Member> member =
                Panels.load("manage-member", () -> api.member(checked(id)));
        return confirmation(id, act, member, "", null, model);
    }

    @PostMapping("/manage/members/{id}/{act:admit|reject|suspend|reinstate|exclude|leave}")
    String act(
            @PathVariable String id,
            @PathVariable String act,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(required = false) Long version,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        checked(id);
        Outcome<ManageApi.Member> outcome =
                Panels.submit("manage-" + act, () -> api.act(id, act, reason, version));
        if (!outcome.succeeded()) {
            response.setStatus(outcome.problem().status());
            Panel<ManageApi.Member> member = Panels.load("manage-member", () -> api.member(id));
            return confirmation(id, act, member, reason, outcome.problem(), model);
        }
        redirect.addFlashAttribute("done", act);
        redirect.addFlashAttribute("doneName", outcome.data().name());
        return "admit".equals(act) || "reject".equals(act)
                ? "redirect:/manage/applications"
                : "redirect:/manage/members/" + id;
    }

    private String confirmation(
            String id,
            String act,
            Panel<ManageApi.Member> member,
            String reason,
            ApiProblem problem,
            Model model) {
        if (member.unavailable()) {
            model.addAttribute("unavailable", true);
        }
        String name = member.unavailable() ? "" : member.data().name();
        boolean application = "admit".equals(act) || "reject".equals(act);
        model.addAttribute(
                "confirmation",
                new Confirmation(
                        "manage.act." + act + ".heading",
                        new Object[] {name},
                        "manage.act." + act + ".consequence",
                        new Object[] {name},
                        "/manage/members/" + id + "/" + act,
                        "manage.act." + act + ".button",
                        application ? "/manage/applications" : "/manage/members/" + id,
                        REASON_REQUIRED.contains(act) ? "required" : "optional",
                        List.of("reject", "exclude", "suspend", "leave").contains(act),
                        member.unavailable() ? null : member.data().version(),
                        List.of()));
        model.addAttribute("member", member);
        model.addAttribute("reason", reason);
        if (problem != null) {
            model.addAttribute("problem", problem);
        }
        return "manage/confirm";
    }

    static String checked(String id) {
        if (!CouncilViews.ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return id;
    }
}
