package coop.cluster.finance.expense.web;

import coop.cluster.finance.expense.ExpenseAccess;
import coop.cluster.finance.expense.Expenses;
import coop.cluster.finance.expense.domain.Expense;
import coop.cluster.finance.expense.domain.ExpenseState;
import coop.cluster.finance.ledger.domain.ExpenseCategory;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.memberaccount.KnownMembers;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.plumbing.web.RequestBodies;
import coop.cluster.plumbing.web.Versions;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpHeaders;
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
 * Expense claims over HTTP: finance staff and managers submit and read them; finance staff approve
 * (never their own claim), reject and pay. Each answer carries the expense's version as its ETag; a
 * step accepts If-Match.
 */
@RestController
@Validated
@RequestMapping("/api/finance/expenses")
class ExpenseController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String DECIMAL = "[0-9]{1,30}(\\.[0-9]{1,10})?";
    static final String DECIMAL_MESSAGE = "{validation.decimal.positive}";
    static final String SEGMENT = "[A-Za-z0-9._-]{1,64}";
    static final String SEGMENT_MESSAGE = "{validation.segment}";

    private final Expenses expenses;
    private final KnownMembers members;
    private final jakarta.validation.Validator validator;

    ExpenseController(
            Expenses expenses, KnownMembers members, jakarta.validation.Validator validator) {
        this.members = members;
        this.validator = validator;
        this.expenses = expenses;
    }

    record PayeeRequest(
            @NotBlank @Size(max = 200) String name,
            @Pattern(regexp = SEGMENT, message = SEGMENT_MESSAGE) String memberId) {}

    record ExpenseRequest(
            @NotNull ExpenseCategory category,
            @NotBlank @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String amount,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "{validation.currency}")
                    String currency,
            @NotBlank @Size(max = 200) String receiptReference,
            @NotNull @Valid PayeeRequest payee,
            @NotBlank @Size(max = 400) String description,
            @Pattern(regexp = SEGMENT, message = SEGMENT_MESSAGE) String projectId,
            @Pattern(regexp = SEGMENT, message = SEGMENT_MESSAGE) String partnerId) {}

    record ApprovalRequest(LocalDate date) {}

    record RejectionRequest(@NotBlank @Size(max = 1_000) String reason) {}

    record PaymentRequest(LocalDate date, @Size(max = 200) String reference) {}

    record ReleaseView(String partnerId, String amount) {}

    record ExpenseView(
            String id,
            long version,
            String state,
            String category,
            String amount,
            String currency,
            String receiptReference,
            String payeeName,
            String payeeMemberId,
            String description,
            String projectId,
            String partnerId,
            String expenseAccount,
            String payableAccount,
            String submittedBy,
            Instant submittedAt,
            String approvedBy,
            Instant approvedAt,
            LocalDate approvalDate,
            List<ReleaseView> releases,
            String released,
            Long approvalSequence,
            String rejectedBy,
            Instant rejectedAt,
            String rejectionReason,
            String paidBy,
            Instant paidAt,
            LocalDate paymentDate,
            String paymentReference,
            Long paymentSequence) {

        static ExpenseView of(Expense e) {
            Expense.Approval a = e.approval();
            Expense.Rejection r = e.rejection();
            Expense.Payment p = e.payment();
            return new ExpenseView(
                    e.id(),
                    e.version(),
                    e.state().name(),
                    e.category().name(),
                    e.amount().amount().toPlainString(),
                    e.amount().currency().getCurrencyCode(),
                    e.receiptReference(),
                    e.payeeName(),
                    e.payeeMemberId(),
                    e.description(),
                    e.projectId(),
                    e.partnerId(),
                    e.expenseAccount(),
                    e.payableAccount(),
                    e.submittedBy(),
                    e.submittedAt(),
                    a == null ? null : a.by(),
                    a == null ? null : a.at(),
                    a == null ? null : a.date(),
                    a == null
                            ? List.of()
                            : a.releases().stream()
                                    .map(
                                            release ->
                                                    new ReleaseView(
                                                            release.partnerId(),
                                                            release.amount()
                                                                    .amount()
                                                                    .toPlainString()))
                                    .toList(),
                    e.released().amount().toPlainString(),
                    a == null ? null : a.sequence(),
                    r == null ? null : r.by(),
                    r == null ? null : r.at(),
                    r == null ? null : r.reason(),
                    p == null ? null : p.by(),
                    p == null ? null : p.at(),
                    p == null ? null : p.date(),
                    p == null ? null : p.reference(),
                    p == null ? null : p.sequence());
        }
    }

    record Page(List<ExpenseView> items, int page, int size, long total) {}

    @Operation(
            summary = "Submit an expense",
            description =
                    "Finance staff and managers. {category ADMINISTRATIVE|LEGAL|ACCOUNTING|PROJECT,"
                        + " amount \"12.50\", currency, receiptReference, payee {name, memberId?},"
                        + " description, projectId (required for PROJECT, refused otherwise),"
                        + " partnerId (optional, PROJECT only)}. 201 with Location and ETag. With"
                        + " an Idempotency-Key header the same claim again is 200 with the first"
                        + " expense; another claim under the same key 409 expense-key-reused. 422"
                        + " expense-project-required / expense-project-not-allowed, member-unknown"
                        + " (a payee memberId or a partnerId finance does not know); nothing is"
                        + " posted until approval.")
    @PostMapping
    ResponseEntity<ExpenseView> submit(
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key,
            @RequestBody ExpenseRequest request,
            Caller caller) {
        ExpenseAccess.checkMaySubmit(caller);
        RequestBodies.valid(validator, request);
        if (request.category() == ExpenseCategory.PROJECT && request.projectId() == null) {
            throw ProblemException.unprocessable("expense-project-required");
        }
        if (request.category() != ExpenseCategory.PROJECT
                && (request.projectId() != null || request.partnerId() != null)) {
            throw ProblemException.unprocessable("expense-project-not-allowed", request.category());
        }
        if (key != null && (key.isBlank() || key.length() > 128)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "idempotency-key-invalid", key);
        }
        Money amount = Money.of(request.amount(), request.currency());
        if (!amount.isPositive()) {
            throw ProblemException.unprocessable("posting-amount-not-positive", amount);
        }
        if (request.payee().memberId() != null) {
            members.require(request.payee().memberId(), "payee.memberId");
        }
        if (request.partnerId() != null) {
            members.require(request.partnerId(), "partnerId");
        }
        Expenses.Submitted submitted =
                expenses.submit(
                        caller.subject(),
                        new Expenses.Claim(
                                request.category(),
                                amount,
                                request.receiptReference(),
                                request.payee().name(),
                                request.payee().memberId(),
                                request.description(),
                                request.projectId(),
                                request.partnerId()),
                        key);
        ResponseEntity.BodyBuilder answer =
                submitted.replayed()
                        ? ResponseEntity.ok()
                        : ResponseEntity.created(
                                URI.create("/api/finance/expenses/" + submitted.expense().id()));
        return answer.header(HttpHeaders.ETAG, Versions.etag(submitted.expense().version()))
                .body(ExpenseView.of(submitted.expense()));
    }

    @Operation(
            summary = "List expenses",
            description =
                    "Finance staff and managers. Filters: state, category, projectId, submittedBy;"
                            + " newest first; page from 0, size 1 to 100 (default 20).")
    @GetMapping
    Page list(
            @RequestParam(required = false) ExpenseState state,
            @RequestParam(required = false) ExpenseCategory category,
            @RequestParam(required = false) @Size(max = 64) String projectId,
            @RequestParam(required = false) @Size(max = 200) String submittedBy,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            Caller caller) {
        ExpenseAccess.checkMayRead(caller);
        Expenses.Page found = expenses.list(state, category, projectId, submittedBy, page, size);
        return new Page(
                found.items().stream().map(ExpenseView::of).toList(), page, size, found.total());
    }

    @Operation(
            summary = "An expense",
            description = "Finance staff and managers; ETag is its version. 404.")
    @GetMapping("/{id}")
    ResponseEntity<ExpenseView> one(@PathVariable @Size(max = 64) String id, Caller caller) {
        ExpenseAccess.checkMayRead(caller);
        return answer(
                expenses.find(id).orElseThrow(() -> ProblemException.notFound("expense", id)));
    }

    @Operation(
            summary = "Approve an expense",
            description =
                    "Finance staff other than the submitter (403 expense-self-approval, nothing"
                        + " posted). Body {date?} (the entry's date, today by default); If-Match"
                        + " optional (412 stale-version). Posts Dr the category's expense account /"
                        + " Cr expenses payable, and for a project expense releases the partners'"
                        + " funds it uses. 409 expense-state unless SUBMITTED; an approval begun"
                        + " and not posted is completed by whoever asks (200 to its approver, 409"
                        + " to others); the same Idempotency-Key again answers 200.")
    @PostMapping("/{id}/approval")
    ResponseEntity<ExpenseView> approve(
            @PathVariable @Size(max = 64) String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key,
            @RequestBody(required = false) ApprovalRequest request,
            Caller caller) {
        ExpenseAccess.checkMayDecide(caller);
        RequestBodies.valid(validator, request);
        return answer(
                expenses.approve(
                        id,
                        caller.subject(),
                        Versions.parse(ifMatch),
                        request == null ? null : request.date(),
                        key));
    }

    @Operation(
            summary = "Reject an expense",
            description =
                    "Finance staff. Body {reason}. Nothing is posted. 409 "
                            + "expense-state unless SUBMITTED; If-Match optional (412).")
    @PostMapping("/{id}/rejection")
    ResponseEntity<ExpenseView> reject(
            @PathVariable @Size(max = 64) String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody RejectionRequest request,
            Caller caller) {
        ExpenseAccess.checkMayDecide(caller);
        RequestBodies.valid(validator, request);
        return answer(
                expenses.reject(id, caller.subject(), Versions.parse(ifMatch), request.reason()));
    }

    @Operation(
            summary = "Pay an approved expense",
            description =
                    "Finance staff. Body {date?, reference?}. Posts Dr expenses payable / Cr bank;"
                            + " 422 account-would-go-negative when the bank cannot pay (the expense"
                            + " stays APPROVED). 409 expense-state unless APPROVED; the same"
                            + " Idempotency-Key again answers 200.")
    @PostMapping("/{id}/payment")
    ResponseEntity<ExpenseView> pay(
            @PathVariable @Size(max = 64) String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key,
            @RequestBody(required = false) PaymentRequest request,
            Caller caller) {
        ExpenseAccess.checkMayDecide(caller);
        RequestBodies.valid(validator, request);
        return answer(
                expenses.pay(
                        id,
                        caller.subject(),
                        Versions.parse(ifMatch),
                        request == null ? null : request.date(),
                        request == null ? null : request.reference(),
                        key));
    }

    private static ResponseEntity<ExpenseView> answer(Expense expense) {
        return ResponseEntity.ok()
                .header(HttpHeaders.ETAG, Versions.etag(expense.version()))
                .body(ExpenseView.of(expense));
    }
}
