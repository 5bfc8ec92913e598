package coop.cluster.web.project;

import coop.cluster.web.api.ApiProblem;
import coop.cluster.web.api.ClusterApi;
import coop.cluster.web.api.Outcome;
import coop.cluster.web.api.Panel;
import coop.cluster.web.api.Panels;
import coop.cluster.web.directory.DirectoryApi;
import coop.cluster.web.security.Person;
import jakarta.servlet.http.HttpServletResponse;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * My organisation's projects: the list, starting one, a project's page (partners, agreement and
 * signatures; for its leader: opening it, partner suggestions with their reasons, invitations),
 * inviting a partner, and signing the agreement's current version on its own confirmation page.
 */
@Controller
class ProjectsController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    static final int PAGE_SIZE = 20;

    private final ProjectApi api;
    private final ClusterApi cluster;
    private final DirectoryApi directory;

    ProjectsController(ProjectApi api, ClusterApi cluster, DirectoryApi directory) {
        this.api = api;
        this.cluster = cluster;
        this.directory = directory;
    }

    @GetMapping("/projects")
    String list(
            @AuthenticationPrincipal OidcUser user,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        member(user);
        int from = Math.max(0, Math.min(page, 10_000));
        model.addAttribute("projects", Panels.load("projects", () -> api.mine(from, PAGE_SIZE)));
        model.addAttribute("invitations", Panels.load("invitations", cluster::pendingInvitations));
        return "projects/list";
    }

    @GetMapping("/projects/new")
    String startForm(
            @AuthenticationPrincipal OidcUser user,
            @RequestParam(required = false) String call,
            @RequestParam(required = false) String callTitle,
            Model model) {
        member(user);
        StartForm form = new StartForm();
        if (call != null && ID.matcher(call).matches()) {
            form.setTargetCallId(call);
            form.setTargetCallTitle(
                    callTitle == null
                            ? null
                            : callTitle.substring(0, Math.min(callTitle.length(), 300)));
        }
        model.addAttribute("form", form);
        model.addAttribute("resourceTypes", StartForm.RESOURCE_TYPES);
        return "projects/new";
    }

    @PostMapping("/projects/new")
    String start(
            @AuthenticationPrincipal OidcUser user,
            @ModelAttribute("form") StartForm form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        member(user);
        Outcome<ProjectApi.Project> outcome =
                Panels.submit("project-start", () -> api.start(form.toRequest()));
        if (outcome.succeeded()
                && outcome.data() != null
                && outcome.data().id() != null
                && ID.matcher(outcome.data().id()).matches()) {
            redirect.addFlashAttribute("notice", "projects.started");
            return "redirect:/projects/" + outcome.data().id();
        }
        ApiProblem problem = outcome.succeeded() ? ApiProblem.unavailable() : outcome.problem();
        response.setStatus(problem.status());
        model.addAttribute("problem", problem);
        model.addAttribute("resourceTypes", StartForm.RESOURCE_TYPES);
        return "projects/new";
    }

    @GetMapping("/projects/{id}")
    String project(@AuthenticationPrincipal OidcUser user, @PathVariable String id, Model model) {
        Person person = member(user);
        checkId(id);
        Panel<ProjectApi.Project> project = Panels.load("project", () -> api.project(id));
        model.addAttribute("project", project);
        model.addAttribute("names", Panels.load("member-names", directory::names));
        model.addAttribute("leader", false);
        if (!project.unavailable() && project.data().ledBy(person.memberId())) {
            model.addAttribute("leader", true);
            if ("FORMING".equals(project.data().status())) {
                model.addAttribute(
                        "suggestions", Panels.load("suggestions", () -> api.suggestions(id, 5)));
            }
            model.addAttribute(
                    "sent", Panels.load("project-invitations", () -> api.invitations(id)));
        }
        return "projects/show";
    }

    @PostMapping("/projects/{id}/open")
    String open(
            @AuthenticationPrincipal OidcUser user,
            @PathVariable String id,
            RedirectAttributes redirect) {
        member(user);
        checkId(id);
        Outcome<ProjectApi.Project> outcome = Panels.submit("project-open", () -> api.open(id));
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("notice", "projects.opened");
        } else {
            redirect.addFlashAttribute("problem", outcome.problem());
        }
        return "redirect:/projects/" + id;
    }

    @GetMapping("/projects/{id}/invite")
    String inviteForm(
            @AuthenticationPrincipal OidcUser user,
            @PathVariable String id,
            @RequestParam(required = false) String member,
            @RequestParam(required = false) String name,
            Model model) {
        member(user);
        checkId(id);
        if (member == null || !ID.matcher(member).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        InviteForm form = new InviteForm();
        form.setMemberId(member);
        form.setMemberName(name == null ? null : name.substring(0, Math.min(name.length(), 200)));
        model.addAttribute("form", form);
        model.addAttribute("projectId", id);
        model.addAttribute("project", Panels.load("project", () -> api.project(id)));
        return "projects/invite";
    }

    @PostMapping("/projects/{id}/invite")
    String invite(
            @AuthenticationPrincipal OidcUser user,
            @PathVariable String id,
            @ModelAttribute("form") InviteForm form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        member(user);
        checkId(id);
        if (form.getMemberId() == null || !ID.matcher(form.getMemberId()).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Outcome<ClusterApi.Invitation> outcome =
                Panels.submit("project-invite", () -> api.invite(id, form.toRequest()));
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("notice", "projects.invited");
            redirect.addFlashAttribute("noticeArg", form.getMemberName());
            return "redirect:/projects/" + id;
        }
        response.setStatus(outcome.problem().status());
        model.addAttribute("problem", outcome.problem());
        model.addAttribute("projectId", id);
        model.addAttribute("project", Panels.load("project", () -> api.project(id)));
        return "projects/invite";
    }

    @GetMapping("/projects/{id}/sign")
    String confirmSignature(
            @AuthenticationPrincipal OidcUser user, @PathVariable String id, Model model) {
        Person person = member(user);
        checkId(id);
        signaturePage(person, id, model);
        return "projects/sign";
    }

    @PostMapping("/projects/{id}/sign")
    String sign(
            @AuthenticationPrincipal OidcUser user,
            @PathVariable String id,
            @RequestParam int version,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Person person = member(user);
        checkId(id);
        Outcome<ProjectApi.Project> outcome =
                Panels.submit("agreement-sign", () -> api.sign(id, version));
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("notice", "projects.signed");
            redirect.addFlashAttribute("noticeArg", Integer.toString(version));
            return "redirect:/projects/" + id;
        }
        response.setStatus(outcome.problem().status());
        model.addAttribute("problem", outcome.problem());
        signaturePage(person, id, model);
        return "projects/sign";
    }

    private void signaturePage(Person person, String id, Model model) {
        Panel<ProjectApi.Project> project = Panels.load("project", () -> api.project(id));
        model.addAttribute("project", project);
        model.addAttribute("names", Panels.load("member-names", directory::names));
        model.addAttribute(
                "awaitsMe",
                !project.unavailable() && project.data().awaitsSignatureOf(person.memberId()));
    }

    private static void checkId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private static Person member(OidcUser user) {
        Person person = Person.of(user);
        if (!person.hasOrganisation()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return person;
    }
}
