package coop.cluster.web.manage;

import coop.cluster.web.api.Panel;
import coop.cluster.web.api.Panels;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The thematic groups and the projects, as a manager oversees them. */
@Controller
class OverviewController {

    static final List<String> PROJECT_STATUSES =
            List.of("DRAFT", "FORMING", "ACTIVE", "CLOSED", "ABANDONED");

    private final ManageApi api;

    OverviewController(ManageApi api) {
        this.api = api;
    }

    @GetMapping("/manage/groups")
    String groups(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute(
                "groups", Panels.load("manage-groups", () -> api.groups(Math.max(0, page), 20)));
        return "manage/groups";
    }

    @GetMapping("/manage/projects")
    String projects(
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "false") boolean flagged,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String filter = status != null && PROJECT_STATUSES.contains(status) ? status : null;
        model.addAttribute("status", filter == null ? "" : filter);
        model.addAttribute("flagged", flagged);
        model.addAttribute("statuses", PROJECT_STATUSES);
        model.addAttribute(
                "projects",
                Panels.load(
                        "manage-projects",
                        () -> api.projects(filter, flagged, Math.max(0, page), 20)));
        Panel<Map<String, String>> names = Panels.load("manage-member-names", api::memberNames);
        model.addAttribute("names", names.unavailable() ? Map.of() : names.data());
        return "manage/projects";
    }
}
