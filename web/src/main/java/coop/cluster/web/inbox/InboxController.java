package coop.cluster.web.inbox;

import coop.cluster.web.api.Outcome;
import coop.cluster.web.api.Panel;
import coop.cluster.web.api.Panels;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in person's notifications: the list (all or unread only, paginated), opening one
 * (marks it read, then its page in the console), marking one or all read, the header's unread
 * badge, which every page polls, and how they get each kind of e-mail ({@code /inbox/preferences}).
 */
@Controller
class InboxController {

    static final int PAGE_SIZE = 20;

    /** Notification ids are UUIDs. */
    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

    /** Kinds and choices are codes such as {@code report-published} and {@code daily}. */
    private static final Pattern CODE = Pattern.compile("[a-z][a-z-]{0,40}");

    /** The form's field of a kind's choice: {@code choice.<kind>}. */
    static final String CHOICE = "choice.";

    private final InboxApi api;

    InboxController(InboxApi api) {
        this.api = api;
    }

    @GetMapping("/inbox")
    String inbox(
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        int from = Math.max(0, Math.min(page, 100_000));
        model.addAttribute("unreadOnly", unread);
        model.addAttribute(
                "notifications", Panels.load("inbox", () -> api.list(unread, from, PAGE_SIZE)));
        return "inbox/list";
    }

    /**
     * The header's badge: the unread count, or nothing at all when there is none or the inbox is
     * unavailable.
     */
    @GetMapping("/inbox/badge")
    String badge(Model model) {
        Panel<Long> unread = Panels.load("inbox-badge", api::unread);
        model.addAttribute("unread", unread.unavailable() ? 0L : unread.data());
        return "inbox/badge :: badge";
    }

    /**
     * Opens a notification: marks it read, then goes to the page it is about (in the console only).
     */
    @PostMapping("/inbox/{id}/open")
    String open(@PathVariable String id, RedirectAttributes redirect) {
        String checked = checked(id);
        Outcome<InboxApi.Notification> read =
                Panels.submit("inbox-open", () -> api.markRead(checked));
        if (!read.succeeded()) {
            redirect.addFlashAttribute("problem", read.problem());
            return "redirect:/inbox";
        }
        String path = read.data().consolePath();
        return "redirect:" + (path == null ? "/inbox" : path);
    }

    @PostMapping("/inbox/{id}/read")
    String markRead(
            @PathVariable String id,
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "0") int page,
            RedirectAttributes redirect) {
        String checked = checked(id);
        Outcome<InboxApi.Notification> read =
                Panels.submit("inbox-read", () -> api.markRead(checked));
        if (!read.succeeded()) {
            redirect.addFlashAttribute("problem", read.problem());
        }
        return back(unread, page, redirect);
    }

    @PostMapping("/inbox/read-all")
    String markAllRead(
            @RequestParam(defaultValue = "false") boolean unread, RedirectAttributes redirect) {
        Outcome<Long> marked = Panels.submit("inbox-read-all", api::markAllRead);
        if (marked.succeeded()) {
            redirect.addFlashAttribute("marked", marked.data());
        } else {
            redirect.addFlashAttribute("problem", marked.problem());
        }
        return back(unread, 0, redirect);
    }

    /**
     * How the person gets each kind of e-mail: at once, in a daily or weekly digest, or not;
     * essential kinds fixed.
     */
    @GetMapping("/inbox/preferences")
    String preferences(Model model, Locale locale) {
        Panel<InboxApi.Preferences> preferences =
                Panels.load("inbox-preferences", api::preferences);
        model.addAttribute("preferences", preferences);
        String weekday = null;
        if (!preferences.unavailable() && preferences.data().digests() != null) {
            try {
                weekday =
                        DayOfWeek.valueOf(
                                        preferences
                                                .data()
                                                .digests()
                                                .weeklyOn()
                                                .toUpperCase(Locale.ROOT))
                                .getDisplayName(TextStyle.FULL, locale);
            } catch (IllegalArgumentException | NullPointerException unknownDay) {
                weekday = preferences.data().digests().weeklyOn();
            }
        }
        model.addAttribute("weekday", weekday);
        return "inbox/preferences";
    }

    /**
     * Saves every choice of the form at once ({@code choice.<kind>=<choice>}); the service checks
     * them.
     */
    @PostMapping("/inbox/preferences")
    String savePreferences(
            @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
        Map<String, String> choices = new LinkedHashMap<>();
        form.forEach(
                (name, values) -> {
                    if (name.startsWith(CHOICE) && !values.isEmpty()) {
                        String kind = name.substring(CHOICE.length());
                        String choice = values.getFirst();
                        if (CODE.matcher(kind).matches() && CODE.matcher(choice).matches()) {
                            choices.put(kind, choice);
                        }
                    }
                });
        if (choices.isEmpty()) {
            return "redirect:/inbox/preferences";
        }
        Outcome<InboxApi.Preferences> saved =
                Panels.submit("inbox-preferences-save", () -> api.savePreferences(choices));
        if (saved.succeeded()) {
            redirect.addFlashAttribute("saved", true);
        } else {
            redirect.addFlashAttribute("problem", saved.problem());
        }
        return "redirect:/inbox/preferences";
    }

    private static String back(boolean unread, int page, RedirectAttributes redirect) {
        if (unread) {
            redirect.addAttribute("unread", true);
        }
        if (page > 0) {
            redirect.addAttribute("page", page);
        }
        return "redirect:/inbox";
    }

    private static String checked(String id) {
        if (!ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return id;
    }
}
