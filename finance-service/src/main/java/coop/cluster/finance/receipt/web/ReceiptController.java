package coop.cluster.finance.receipt.web;

import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.memberaccount.KnownMembers;
import coop.cluster.finance.receipt.ReceiptAccess;
import coop.cluster.finance.receipt.Receipts;
import coop.cluster.finance.receipt.domain.Receipt;
import coop.cluster.finance.receipt.domain.Segments;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.plumbing.web.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Donations, grants received and in-kind contributions over HTTP: finance staff record them (an
 * Idempotency-Key is required, so a retry never posts twice), finance staff and managers list them.
 */
@RestController
@Validated
@RequestMapping("/api/finance")
class ReceiptController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final String DECIMAL = "[0-9]{1,30}(\\.[0-9]{1,10})?";
    static final String DECIMAL_MESSAGE = "{validation.decimal.positive}";
    static final String CURRENCY = "[A-Z]{3}";
    static final String SEGMENT = "[A-Za-z0-9._-]{1,64}";
    static final String SEGMENT_MESSAGE = "{validation.segment}";

    private final Receipts receipts;
    private final Clock clock = Clock.systemUTC();
    private final KnownMembers members;
    private final jakarta.validation.Validator validator;

    ReceiptController(
            Receipts receipts, KnownMembers members, jakarta.validation.Validator validator) {
        this.validator = validator;
        this.members = members;
        this.receipts = receipts;
    }

    /**
     * A donor or funder: its own id (any text up to 200 characters; made a valid account segment)
     * and name.
     */
    record SourceRequest(
            @NotBlank @Size(max = 200) String id, @NotBlank @Size(max = 200) String name) {}

    record DonationRequest(
            @NotBlank @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String amount,
            @NotBlank @Pattern(regexp = CURRENCY) String currency,
            @NotNull LocalDate date,
            @NotNull @Valid SourceRequest source,
            @Size(max = 200) String reference,
            @Size(max = 400) String description) {}

    record GrantRequest(
            @NotBlank @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String amount,
            @NotBlank @Pattern(regexp = CURRENCY) String currency,
            @NotNull LocalDate date,
            @NotNull @Valid SourceRequest source,
            @NotBlank @Size(max = 200) String programme,
            @Pattern(regexp = SEGMENT, message = SEGMENT_MESSAGE) String projectId,
            @Size(max = 200) String reference,
            @Size(max = 400) String description) {}

    record InKindRequest(
            @NotBlank @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String value,
            @NotBlank @Pattern(regexp = CURRENCY) String currency,
            @NotNull LocalDate date,
            @Pattern(regexp = SEGMENT, message = SEGMENT_MESSAGE) String memberId,
            @Valid SourceRequest source,
            @NotBlank @Size(max = 400) String description,
            @NotBlank @Size(max = 400) String valuationBasis,
            @Size(max = 200) String reference) {}

    record ReceiptView(
            String id,
            String kind,
            String amount,
            String currency,
            LocalDate date,
            String sourceId,
            String sourceName,
            String sourceSegment,
            String programme,
            String projectId,
            String memberId,
            String description,
            String valuationBasis,
            String reference,
            String debitAccount,
            String creditAccount,
            Long sequence,
            String recordedBy,
            Instant recordedAt) {

        static ReceiptView of(Receipt r) {
            return new ReceiptView(
                    r.id(),
                    r.kind().label(),
                    r.amount().amount().toPlainString(),
                    r.amount().currency().getCurrencyCode(),
                    r.date(),
                    r.sourceId(),
                    r.sourceName(),
                    r.sourceId() == null ? null : Segments.of(r.sourceId()),
                    r.programme(),
                    r.projectId(),
                    r.memberId(),
                    r.description(),
                    r.valuationBasis(),
                    r.reference(),
                    r.debitAccount(),
                    r.creditAccount(),
                    r.sequence(),
                    r.recordedBy(),
                    r.recordedAt());
        }
    }

    record Page(List<ReceiptView> items, int page, int size, long total) {}

    @Operation(
            summary = "Record a donation",
            description =
                    "Finance staff; Idempotency-Key header required (400 idempotency-key-required)."
                        + " {amount, currency, date, source {id, name}, reference?, description?}."
                        + " Posts Dr 1000 bank / Cr 4100:S:<source>. 201; the same request again"
                        + " 200 with Idempotent-Replayed; another request under the same key 409"
                        + " receipt-key-reused; 422 with the ledger's code when refused.")
    @PostMapping("/donations")
    ResponseEntity<ReceiptView> donation(
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key,
            @RequestBody DonationRequest request,
            Caller caller) {
        ReceiptAccess.checkMayRecord(caller);
        RequestBodies.valid(validator, request);
        String checked = key(key);
        return answer(
                receipts.record(
                        new Receipt(
                                Receipt.idFor(Receipt.Kind.DONATION, checked),
                                Receipt.Kind.DONATION,
                                Money.of(request.amount(), request.currency()),
                                request.date(),
                                request.source().id(),
                                request.source().name(),
                                null,
                                null,
                                null,
                                request.description(),
                                null,
                                request.reference(),
                                caller.subject(),
                                clock.instant(),
                                checked,
                                false,
                                null)));
    }

    @Operation(
            summary = "Record a grant received",
            description =
                    "Finance staff; Idempotency-Key required. {amount, currency, date, source {id,"
                        + " name} (the funder), programme, projectId?, reference?, description?}."
                        + " Posts Dr 1000 / Cr 4200:P:<programme>[:J:<project>]. Answers as for"
                        + " donations.")
    @PostMapping("/grants")
    ResponseEntity<ReceiptView> grant(
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key,
            @RequestBody GrantRequest request,
            Caller caller) {
        ReceiptAccess.checkMayRecord(caller);
        RequestBodies.valid(validator, request);
        String checked = key(key);
        return answer(
                receipts.record(
                        new Receipt(
                                Receipt.idFor(Receipt.Kind.GRANT, checked),
                                Receipt.Kind.GRANT,
                                Money.of(request.amount(), request.currency()),
                                request.date(),
                                request.source().id(),
                                request.source().name(),
                                request.programme(),
                                request.projectId(),
                                null,
                                request.description(),
                                null,
                                request.reference(),
                                caller.subject(),
                                clock.instant(),
                                checked,
                                false,
                                null)));
    }

    @Operation(
            summary = "Record an in-kind contribution",
            description =
                    "Finance staff; Idempotency-Key required. {value, currency, date, memberId or"
                        + " source {id, name} (exactly one: 422 in-kind-giver), description,"
                        + " valuationBasis, reference?}. Posts a memo at the declared value: Dr"
                        + " 9000:M:<member> / Cr 9900:M:<member> (or :S:<source>); a memberId"
                        + " finance does not know is 422 member-unknown. Answers as for donations.")
    @PostMapping("/in-kind")
    ResponseEntity<ReceiptView> inKind(
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key,
            @RequestBody InKindRequest request,
            Caller caller) {
        ReceiptAccess.checkMayRecord(caller);
        RequestBodies.valid(validator, request);
        String checked = key(key);
        if ((request.memberId() == null) == (request.source() == null)) {
            throw ProblemException.unprocessable("in-kind-giver");
        }
        if (request.memberId() != null) {
            members.require(request.memberId(), "memberId");
        }
        return answer(
                receipts.record(
                        new Receipt(
                                Receipt.idFor(Receipt.Kind.IN_KIND, checked),
                                Receipt.Kind.IN_KIND,
                                Money.of(request.value(), request.currency()),
                                request.date(),
                                request.source() == null ? null : request.source().id(),
                                request.source() == null ? null : request.source().name(),
                                null,
                                null,
                                request.memberId(),
                                request.description(),
                                request.valuationBasis(),
                                request.reference(),
                                caller.subject(),
                                clock.instant(),
                                checked,
                                false,
                                null)));
    }

    @Operation(
            summary = "Donations received",
            description =
                    "Finance staff and managers; newest first; page from 0, " + "size 1 to 100.")
    @GetMapping("/donations")
    Page donations(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            Caller caller) {
        return list(Receipt.Kind.DONATION, page, size, caller);
    }

    @Operation(
            summary = "Grants received",
            description = "Finance staff and managers; newest first.")
    @GetMapping("/grants")
    Page grants(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            Caller caller) {
        return list(Receipt.Kind.GRANT, page, size, caller);
    }

    @Operation(
            summary = "In-kind contributions",
            description = "Finance staff and managers; newest first.")
    @GetMapping("/in-kind")
    Page inKind(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            Caller caller) {
        return list(Receipt.Kind.IN_KIND, page, size, caller);
    }

    private Page list(Receipt.Kind kind, int page, int size, Caller caller) {
        ReceiptAccess.checkMayRead(caller);
        Receipts.Page found = receipts.list(kind, page, size);
        return new Page(
                found.items().stream().map(ReceiptView::of).toList(), page, size, found.total());
    }

    private static ResponseEntity<ReceiptView> answer(Receipts.Recorded recorded) {
        ReceiptView view = ReceiptView.of(recorded.receipt());
        if (recorded.replayed()) {
            return ResponseEntity.ok().header(REPLAYED, "true").body(view);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(view);
    }

    private static String key(String key) {
        if (key == null || key.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "idempotency-key-required");
        }
        if (key.isBlank() || key.length() > 128 || key.chars().anyMatch(Character::isISOControl)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "idempotency-key-invalid", key);
        }
        return key;
    }
}
