package coop.cluster.web.call;

import coop.cluster.web.api.Outcome;
import coop.cluster.web.api.Panel;
import coop.cluster.web.api.Panels;
import coop.cluster.web.security.Person;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Funding calls: the search (filters in the URL, paginated), the calls recommended for my
 * organisation with their reasons, a call's page with every cut-off and its changes (paginated by
 * {@code page}), and watching it.
 */
@Controller
class CallsController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    static final int PAGE_SIZE = 20;
    static final List<String> STATUSES = List.of("OPEN", "FORTHCOMING", "CLOSED");
    static final List<String> KINDS = List.of("GRANT", "TENDER", "CASCADE");

    /** How many changes of a call its page shows at a time. */
    static final int CHANGES_PAGE_SIZE = 10;

    private final CallApi api;
    private final CallChanges changes;

    CallsController(CallApi api, CallChanges changes) {
        this.api = api;
        this.changes = changes;
    }

    @GetMapping("/calls")
    String search(
            @AuthenticationPrincipal OidcUser user,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String programme,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String deadlineFrom,
            @RequestParam(required = false) String deadlineTo,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        Person person = Person.of(user);
        CallApi.Search search =
                new CallApi.Search(
                        limit(q, 500),
                        status != null && STATUSES.contains(status) ? status : null,
                        limit(programme, 500),
                        kind != null && KINDS.contains(kind) ? kind : null,
                        date(deadlineFrom),
                        date(deadlineTo));
        int from = Math.max(0, Math.min(page, 100_000));
        model.addAttribute("search", search);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("kinds", KINDS);
        model.addAttribute(
                "results", Panels.load("calls", () -> api.search(search, from, PAGE_SIZE)));
        if (person.hasOrganisation() && !search.any() && from == 0) {
            model.addAttribute(
                    "recommended", Panels.load("recommended-calls", () -> api.recommended(5)));
        }
        return "calls/search";
    }

    @GetMapping("/calls/{id}")
    String call(
            @AuthenticationPrincipal OidcUser user,
            @PathVariable String id,
            @RequestParam(defaultValue = "0") int page,
            Locale locale,
            Model model) {
        Person person = Person.of(user);
        checkId(id);
        Panel<CallApi.Call> call = Panels.load("call", () -> api.call(id));
        model.addAttribute("call", call);
        if (!call.unavailable()) {
            int from = Math.max(0, Math.min(page, 1_000));
            model.addAttribute(
                    "changes",
                    Panels.load(
                            "call-changes",
                            () -> changes.of(api.changes(id, from, CHANGES_PAGE_SIZE), locale)));
        }
        model.addAttribute("watchable", false);
        if (person.hasOrganisation() && !call.unavailable()) {
            Panel<List<CallApi.Watch>> watches = Panels.load("watches", api::watches);
            model.addAttribute("watchable", !watches.unavailable());
            model.addAttribute(
                    "watch",
                    watches.unavailable() ? null : api.watchOf(call.data(), watches.data()));
        }
        return "calls/show";
    }

    @PostMapping("/calls/{id}/watch")
    String watch(
            @AuthenticationPrincipal OidcUser user,
            @PathVariable String id,
            RedirectAttributes redirect) {
        checkId(id);
        Outcome<CallApi.Watch> outcome =
                Panels.submit(
                        "call-watch",
                        () -> {
                            CallApi.Call call = api.call(id);
                            CallApi.Watch existing = api.watchOf(call, api.watches());
                            return existing != null ? existing : api.watch(call);
                        });
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("notice", "calls.watched");
        } else {
            redirect.addFlashAttribute("problem", outcome.problem());
        }
        return "redirect:/calls/" + id;
    }

    @PostMapping("/calls/{id}/unwatch")
    String unwatch(
            @AuthenticationPrincipal OidcUser user,
            @PathVariable String id,
            RedirectAttributes redirect) {
        checkId(id);
        Outcome<Boolean> outcome =
                Panels.submit(
                        "call-unwatch",
                        () -> {
                            CallApi.Watch existing = api.watchOf(api.call(id), api.watches());
                            if (existing != null) {
                                api.unwatch(existing.id());
                            }
                            return true;
                        });
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("notice", "calls.unwatched");
        } else {
            redirect.addFlashAttribute("problem", outcome.problem());
        }
        return "redirect:/calls/" + id;
    }

    private static void checkId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private static String date(String value) {
        return value != null && DATE.matcher(value.strip()).matches() ? value.strip() : null;
    }

    private static String limit(String value, int length) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        return stripped.length() > length ? stripped.substring(0, length) : stripped;
    }
}
