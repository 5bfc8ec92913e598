package coop.cluster.web.directory;

import coop.cluster.web.api.Panel;
import coop.cluster.web.api.Panels;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The members directory: search with filters kept in the URL, a page of results, one member's page.
 */
@Controller
class DirectoryController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    static final int PAGE_SIZE = 20;
    static final List<String> TYPES =
            List.of("SME", "LARGE_COMPANY", "RESEARCH", "EDUCATION", "ASSOCIATION", "PUBLIC_BODY");
    static final List<String> RESOURCES =
            List.of("PREMISES", "EQUIPMENT", "EXPERTISE", "SERVICES", "CONTACTS");

    private final DirectoryApi api;

    DirectoryController(DirectoryApi api) {
        this.api = api;
    }

    @GetMapping("/directory")
    String search(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String competence,
            @RequestParam(required = false) String sector,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String resource,
            @RequestParam(required = false) String type,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        DirectoryApi.Search search =
                new DirectoryApi.Search(
                        limit(q, 200),
                        limit(competence, 100),
                        limit(sector, 20),
                        limit(region, 20),
                        resource != null && RESOURCES.contains(resource) ? resource : null,
                        type != null && TYPES.contains(type) ? type : null);
        int from = Math.max(0, Math.min(page, 499));
        model.addAttribute("search", search);
        model.addAttribute("types", TYPES);
        model.addAttribute("resources", RESOURCES);
        model.addAttribute(
                "results", Panels.load("directory", () -> api.search(search, from, PAGE_SIZE)));
        return "directory/search";
    }

    @GetMapping("/directory/{id}")
    String member(
            @PathVariable String id, @RequestParam(required = false) String name, Model model) {
        if (!ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Panel<Optional<DirectoryApi.Entry>> entry =
                Panels.load("directory-member", () -> api.member(id, limit(name, 200)));
        if (!entry.unavailable() && entry.data().isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute(
                "entry", entry.unavailable() ? Panel.failed() : Panel.of(entry.data().get()));
        return "directory/member";
    }

    private static String limit(String value, int length) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        return stripped.length() > length ? stripped.substring(0, length) : stripped;
    }
}
