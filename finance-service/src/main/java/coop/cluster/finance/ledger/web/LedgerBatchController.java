package coop.cluster.finance.ledger.web;

import coop.cluster.finance.ledger.Bookkeeping;
import coop.cluster.finance.ledger.Bookkeeping.BatchOutcome;
import coop.cluster.finance.ledger.LedgerAccess;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.finance.memberaccount.KnownMembers;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.plumbing.web.ProblemWriter;
import coop.cluster.plumbing.web.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Many journal entries in one request, for finance staff's tools and imports: each entry is decided
 * on its own, in order, as a single {@code POST /entries} would decide it, and the accepted ones
 * are written together. The answer says, entry by entry, what became of it.
 */
@RestController
@Validated
@RequestMapping("/api/finance/ledger")
class LedgerBatchController {

    static final int MAX_BATCH = 500;

    private final Bookkeeping ledger;
    private final ProblemWriter problems;
    private final KnownMembers members;
    private final jakarta.validation.Validator validator;

    LedgerBatchController(
            Bookkeeping ledger,
            ProblemWriter problems,
            KnownMembers members,
            jakarta.validation.Validator validator) {
        this.validator = validator;
        this.members = members;
        this.ledger = ledger;
        this.problems = problems;
    }

    /** Up to {@value #MAX_BATCH} entries, each with its own idempotency key. */
    record BatchRequest(
            @NotNull @Size(min = 1, max = MAX_BATCH) List<@NotNull @Valid EntryRequest> entries) {}

    /**
     * What became of one entry: {@code posted} (with its sequence and id), {@code replayed} (the
     * first entry posted under its key) or {@code refused} (with the problem a single posting would
     * have answered).
     */
    record EntryOutcome(
            int index,
            String status,
            Long sequence,
            String id,
            String idempotencyKey,
            ProblemDetail problem) {}

    record BatchAnswer(int posted, int replayed, int refused, List<EntryOutcome> results) {}

    @Operation(
            summary = "Post a batch of journal entries",
            description =
                    "Finance staff only. {entries: [...]}: 1 to 500 entries shaped as for POST"
                        + " /entries, each with its idempotencyKey in the body (keys unique within"
                        + " the batch). Each entry is decided in order, on its own: a refused entry"
                        + " changes nothing and does not stop the others, and a later entry sees"
                        + " the earlier ones. 200 with one result per entry, in order: status"
                        + " posted (sequence, id), replayed (the first entry under that key) or"
                        + " refused (problem, as POST /entries would answer it: 422 with the rule's"
                        + " code, 409 idempotency-conflict). A malformed batch is 400 and posts"
                        + " nothing; 503 ledger-busy with Retry-After: retry the same batch,"
                        + " whatever part was stored is replayed.")
    @PostMapping("/entries/batch")
    BatchAnswer post(@RequestBody BatchRequest request, Caller caller) {
        LedgerAccess.checkMayPost(caller);
        RequestBodies.valid(validator, request);
        List<JournalEntry> entries = new ArrayList<>(request.entries().size());
        Set<String> keys = new HashSet<>();
        List<ProblemDetail> malformed = new ArrayList<>();
        for (int i = 0; i < request.entries().size(); i++) {
            EntryRequest entry = request.entries().get(i);
            String key = entry.idempotencyKey();
            if (key == null || key.isEmpty()) {
                throw new ProblemException(
                        HttpStatus.BAD_REQUEST, "batch-idempotency-key-required", i);
            }
            if (!keys.add(key)) {
                throw new ProblemException(
                        HttpStatus.BAD_REQUEST, "batch-idempotency-key-repeated", i, key);
            }
            try {
                JournalEntry built = entry.toEntry(UUID.randomUUID().toString(), key);
                LedgerController.requireKnownMembers(built, members);
                entries.add(built);
                malformed.add(null);
            } catch (LedgerViolation violation) {
                // refused by the entry's own checks (unbalanced, too precise...): reported in its
                // place
                entries.add(null);
                malformed.add(problem(violation, i));
            } catch (ProblemException unknownMember) {
                entries.add(null);
                ProblemDetail problem =
                        problems.problem(
                                unknownMember.status(),
                                unknownMember.code(),
                                unknownMember.args(),
                                LocaleContextHolder.getLocale());
                problem.setProperty("code", unknownMember.code());
                problem.setInstance(URI.create("/api/finance/ledger/entries/batch#" + i));
                malformed.add(problem);
            }
        }
        List<JournalEntry> valid = entries.stream().filter(java.util.Objects::nonNull).toList();
        List<BatchOutcome> outcomes = valid.isEmpty() ? List.of() : ledger.postAll(valid);
        List<EntryOutcome> results = new ArrayList<>(entries.size());
        int posted = 0;
        int replayed = 0;
        int refused = 0;
        int next = 0;
        for (int i = 0; i < entries.size(); i++) {
            String key = request.entries().get(i).idempotencyKey();
            if (entries.get(i) == null) {
                refused++;
                results.add(new EntryOutcome(i, "refused", null, null, key, malformed.get(i)));
                continue;
            }
            BatchOutcome outcome = outcomes.get(next++);
            if (outcome.refused() != null) {
                refused++;
                results.add(
                        new EntryOutcome(
                                i, "refused", null, null, key, problem(outcome.refused(), i)));
            } else if (outcome.posted().replayed()) {
                replayed++;
                results.add(
                        new EntryOutcome(
                                i,
                                "replayed",
                                outcome.posted().sequence(),
                                outcome.posted().entry().id(),
                                key,
                                null));
            } else {
                posted++;
                results.add(
                        new EntryOutcome(
                                i,
                                "posted",
                                outcome.posted().sequence(),
                                outcome.posted().entry().id(),
                                key,
                                null));
            }
        }
        return new BatchAnswer(posted, replayed, refused, results);
    }

    private ProblemDetail problem(LedgerViolation violation, int index) {
        ProblemDetail problem =
                problems.problem(
                        LedgerProblemAdvice.status(violation),
                        violation.code(),
                        new Object[] {violation.getMessage()},
                        LocaleContextHolder.getLocale());
        problem.setProperty("code", violation.code());
        problem.setInstance(URI.create("/api/finance/ledger/entries/batch#" + index));
        return problem;
    }
}
