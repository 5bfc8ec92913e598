package coop.cluster.finance.ledger.web;

import coop.cluster.finance.ledger.Bookkeeping;
import coop.cluster.finance.ledger.LedgerAccess;
import coop.cluster.finance.ledger.LedgerEntry;
import coop.cluster.finance.ledger.PostedEntry;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.memberaccount.KnownMembers;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.plumbing.web.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cluster's ledger over HTTP: finance staff post and reverse entries; finance staff and
 * managers read the journal, the balances and the chart. Every refusal of the ledger is a problem
 * whose type ends in the violation's stable code ({@link LedgerProblemAdvice}); a posting to the
 * sub-account of a member finance does not know is 422 {@code member-unknown}; an entry dated
 * outside the ledger's window or above its largest amount is 422 {@code entry-date-out-of-range} /
 * {@code amount-out-of-range}.
 */
@RestController
@Validated
@RequestMapping("/api/finance/ledger")
class LedgerController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Set to {@code true} on the answer to a replayed posting. */
    static final String REPLAYED = "Idempotent-Replayed";

    static final int MAX_PAGE = 200;

    private final Bookkeeping ledger;
    private final Clock clock;
    private final KnownMembers members;
    private final jakarta.validation.Validator validator;

    LedgerController(
            Bookkeeping ledger,
            Clock clock,
            KnownMembers members,
            jakarta.validation.Validator validator) {
        this.validator = validator;
        this.members = members;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Operation(
            summary = "Post a journal entry",
            description =
                    "Finance staff only. The server assigns the entry id. idempotencyKey in the"
                        + " body or the Idempotency-Key header (400 idempotency-key-mismatch when"
                        + " both are given and differ); date yyyy-MM-dd; description; two or more"
                        + " postings {account, side DEBIT|CREDIT, amount as a decimal string,"
                        + " currency}; optional conversions [{from:{amount,currency},"
                        + " to:{amount,currency}}] for a multi-currency entry. 201 with Location;"
                        + " the same key and content again is a replay: 200 with the first entry"
                        + " and Idempotent-Replayed: true. The same key with other content is 409"
                        + " idempotency-conflict; any other ledger rule broken is 422 with the"
                        + " rule's code (entry-unbalanced, account-would-go-negative,"
                        + " amount-too-precise, entry-date-out-of-range: a date outside the"
                        + " ledger's window, by default ten years back to one year ahead and never"
                        + " before its opening, amount-out-of-range: above 1,000,000,000 by"
                        + " default, member-unknown: a member's sub-account of a member finance"
                        + " does not know...); 503 ledger-busy with Retry-After when other writers"
                        + " kept the ledger busy: retry with the same key.")
    @PostMapping("/entries")
    ResponseEntity<EntryView> post(
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String headerKey,
            @RequestBody EntryRequest request,
            Caller caller) {
        LedgerAccess.checkMayPost(caller);
        RequestBodies.valid(validator, request);
        String key = key(request.idempotencyKey(), headerKey);
        JournalEntry entry = request.toEntry(newId(), key);
        requireKnownMembers(entry, members);
        return answer(ledger.post(entry));
    }

    @Operation(
            summary = "Reverse a posted entry",
            description =
                    "Finance staff only. Posts the exact opposite of the entry at this sequence:"
                        + " {idempotencyKey (or the Idempotency-Key header), date (optional: today;"
                        + " the reversal's own date, which must lie in the open period),"
                        + " description (optional; \"Reversal of entry <id>\" otherwise)}. 201, or"
                        + " 200 on a replay; 404 ledger-entry-not-found; 422"
                        + " entry-already-reversed, reversal-of-reversal, period-closed,"
                        + " account-would-go-negative...")
    @PostMapping("/entries/{sequence}/reversal")
    ResponseEntity<EntryView> reverse(
            @PathVariable @Min(1) long sequence,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String headerKey,
            @RequestBody ReversalRequest request,
            Caller caller) {
        LedgerAccess.checkMayPost(caller);
        RequestBodies.valid(validator, request);
        String key = key(request.idempotencyKey(), headerKey);
        LedgerEntry original = find(sequence).orElseThrow(() -> notFound(sequence));
        return answer(
                ledger.post(request.toEntry(original.entry(), newId(), key, LocalDate.now(clock))));
    }

    @Operation(
            summary = "The journal, by sequence",
            description =
                    "Finance staff and managers. Entries from sequence 'from' (default 1) on, at"
                        + " most 'size' (1 to 200, default 50); 'next' is the 'from' of the next"
                        + " page, absent on the last one.")
    @GetMapping("/entries")
    EntryView.Page entries(
            @RequestParam(defaultValue = "1") @Min(1) long from,
            @RequestParam(defaultValue = "50") @Min(1) @Max(MAX_PAGE) int size,
            Caller caller) {
        LedgerAccess.checkMayRead(caller);
        List<LedgerEntry> found = ledger.entries(from, size + 1);
        Long next = found.size() > size ? found.get(size).sequence() : null;
        return new EntryView.Page(
                found.stream().limit(size).map(entry -> EntryView.of(entry, false)).toList(),
                from,
                size,
                next);
    }

    @Operation(
            summary = "A journal entry",
            description =
                    "Finance staff and managers. 404 ledger-entry-not-found "
                            + "when no entry has this sequence.")
    @GetMapping("/entries/{sequence}")
    EntryView entry(@PathVariable @Min(1) long sequence, Caller caller) {
        LedgerAccess.checkMayRead(caller);
        return EntryView.of(find(sequence).orElseThrow(() -> notFound(sequence)), false);
    }

    @Operation(
            summary = "Every account's balance",
            description =
                    "Finance staff and managers. Each account of the chart with its balance as a"
                        + " decimal string, signed by the account's normal side (negative: crossed"
                        + " to the other side); the trial balance per currency (zero when the"
                        + " ledger is sound), the memo accounts' and the open conversion"
                        + " positions.")
    @GetMapping("/balances")
    BalancesView balances(Caller caller) {
        LedgerAccess.checkMayRead(caller);
        return BalancesView.of(ledger.balances());
    }

    @Operation(
            summary = "The chart of accounts",
            description =
                    "Finance staff and managers. Every account: code, name, type, normal side,"
                            + " currency, whether it may go negative, parent for a sub-account.")
    @GetMapping("/accounts")
    List<AccountView> accounts(Caller caller) {
        LedgerAccess.checkMayRead(caller);
        return ledger.chart().accounts().stream().map(AccountView::of).toList();
    }

    private ResponseEntity<EntryView> answer(PostedEntry posted) {
        // an entry just posted answers from what was written; a replay reads its first posting back
        LedgerEntry stored =
                posted.asStored()
                        .or(() -> find(posted.sequence()))
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "entry "
                                                        + posted.sequence()
                                                        + " was posted but cannot be read back"));
        EntryView view = EntryView.of(stored, posted.replayed());
        URI location = URI.create("/api/finance/ledger/entries/" + posted.sequence());
        if (posted.replayed()) {
            return ResponseEntity.ok().location(location).header(REPLAYED, "true").body(view);
        }
        return ResponseEntity.created(location).body(view);
    }

    private Optional<LedgerEntry> find(long sequence) {
        return ledger.entry(sequence);
    }

    private static String key(String bodyKey, String headerKey) {
        boolean inBody = bodyKey != null && !bodyKey.isEmpty();
        boolean inHeader = headerKey != null && !headerKey.isEmpty();
        if (inBody && inHeader && !bodyKey.equals(headerKey)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "idempotency-key-mismatch");
        }
        if (!inBody && !inHeader) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "idempotency-key-required");
        }
        return inBody ? bodyKey : headerKey;
    }

    /**
     * Refuses, 422 {@code member-unknown}, a posting to a member's sub-account ({@code
     * 1100:M:<member>}, {@code 2500:J:<project>:M:<partner>}...) of a member finance does not know.
     */
    static void requireKnownMembers(JournalEntry entry, KnownMembers members) {
        List<coop.cluster.finance.ledger.domain.Posting> postings = entry.postings();
        for (int i = 0; i < postings.size(); i++) {
            for (String member : KnownMembers.memberIdsIn(postings.get(i).accountCode())) {
                members.require(member, "postings[" + i + "].account");
            }
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static ProblemException notFound(long sequence) {
        return new ProblemException(
                HttpStatus.NOT_FOUND, "ledger-entry-not-found", Long.toString(sequence));
    }
}
