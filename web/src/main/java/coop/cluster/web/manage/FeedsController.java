package coop.cluster.web.manage;

import coop.cluster.web.api.Outcome;
import coop.cluster.web.api.Panels;
import coop.cluster.web.council.CouncilViews;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
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
 * Feed health: funding-watch's signed feeds (create with the secret shown once, rotate, revoke) and
 * a batch with its rejected records, found by its feed and batch id (the push's answer and the
 * {@code record.rejected} events name it; the API has no list of batches).
 */
@Controller
class FeedsController {

    private final ManageApi api;

    FeedsController(ManageApi api) {
        this.api = api;
    }

    @GetMapping("/manage/feeds")
    String feeds(
            @RequestParam(required = false) String feed,
            @RequestParam(required = false) String batch,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute(
                "feeds", Panels.load("manage-feeds", () -> api.signedFeeds(Math.max(0, page), 20)));
        model.addAttribute("feed", feed == null ? "" : feed);
        model.addAttribute("batchId", batch == null ? "" : batch);
        if (feed != null && !feed.isBlank() && batch != null && !batch.isBlank()) {
            if (CouncilViews.ID.matcher(feed).matches()
                    && CouncilViews.ID.matcher(batch).matches()) {
                model.addAttribute(
                        "batch", Panels.load("manage-batch", () -> api.batch(feed, batch)));
            } else {
                model.addAttribute("batchMalformed", true);
            }
        }
        return "manage/feeds";
    }

    @PostMapping("/manage/feeds")
    String create(
            @RequestParam(defaultValue = "") String feedId,
            Model model,
            HttpServletResponse response) {
        Outcome<ManageApi.FeedSecret> outcome =
                Panels.submit("manage-feed-create", () -> api.createSignedFeed(feedId.strip()));
        if (!outcome.succeeded()) {
            response.setStatus(outcome.problem().status());
            model.addAttribute("problem", outcome.problem());
            model.addAttribute("newFeedId", feedId);
            return feeds(null, null, 0, model);
        }
        return secret(outcome.data(), model, response);
    }

    @GetMapping("/manage/feeds/{feedId}/{act:rotate|revoke}")
    String confirm(@PathVariable String feedId, @PathVariable String act, Model model) {
        return confirmation(checked(feedId), act, model);
    }

    @PostMapping("/manage/feeds/{feedId}/{act:rotate|revoke}")
    String act(
            @PathVariable String feedId,
            @PathVariable String act,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        checked(feedId);
        if ("rotate".equals(act)) {
            Outcome<ManageApi.FeedSecret> outcome =
                    Panels.submit("manage-feed-rotate", () -> api.rotateSignedFeed(feedId));
            if (outcome.succeeded()) {
                return secret(outcome.data(), model, response);
            }
            response.setStatus(outcome.problem().status());
            model.addAttribute("problem", outcome.problem());
            return confirmation(feedId, act, model);
        }
        Outcome<Void> outcome =
                Panels.submit("manage-feed-revoke", () -> api.revokeSignedFeed(feedId));
        if (!outcome.succeeded()) {
            response.setStatus(outcome.problem().status());
            model.addAttribute("problem", outcome.problem());
            return confirmation(feedId, act, model);
        }
        redirect.addFlashAttribute("done", "feed-revoked");
        redirect.addFlashAttribute("doneName", feedId);
        return "redirect:/manage/feeds";
    }

    private String secret(ManageApi.FeedSecret secret, Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("headingKey", "manage.feeds.secret.heading");
        model.addAttribute("subject", secret.feedId());
        model.addAttribute("secret", secret.secret());
        model.addAttribute("previousExpires", secret.previousSecretExpiresAt());
        model.addAttribute("back", "/manage/feeds");
        return "manage/secret";
    }

    private String confirmation(String feedId, String act, Model model) {
        model.addAttribute(
                "confirmation",
                new Confirmation(
                        "manage.feeds." + act + ".heading",
                        new Object[] {feedId},
                        "manage.feeds." + act + ".consequence",
                        new Object[] {feedId},
                        "/manage/feeds/" + feedId + "/" + act,
                        "manage.feeds." + act + ".button",
                        "/manage/feeds",
                        "none",
                        "revoke".equals(act),
                        null,
                        List.of(new Confirmation.Fact("manage.feeds.feedId", feedId))));
        return "manage/confirm";
    }

    private static String checked(String id) {
        if (!CouncilViews.ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return id;
    }
}
