package coop.cluster.finance.reconciliation.web;

import coop.cluster.finance.reconciliation.ReconciliationAccess;
import coop.cluster.finance.reconciliation.Statements;
import coop.cluster.finance.reconciliation.Statements.Imported;
import coop.cluster.finance.reconciliation.domain.Camt053Parser;
import coop.cluster.finance.reconciliation.domain.CsvStatementParser;
import coop.cluster.finance.reconciliation.domain.StatementFormat;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Bank reconciliation over HTTP: finance staff import statements and re-run matching; finance staff
 * and managers read them. A file that cannot be imported is a problem naming where and what ({@link
 * ReconciliationProblemAdvice}).
 */
@RestController
@Validated
@RequestMapping("/api/finance/reconciliation/statements")
class ReconciliationController {

    static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_PAGE = 100;

    /** ISO 20022 {@code Max35Text}, as a camt.053 statement's {@code Id}. */
    static final int MAX_STATEMENT_ID = Camt053Parser.MAX_ID_LENGTH;

    private static final String DECIMAL = "-?[0-9]{1,30}(\\.[0-9]{1,10})?";
    private static final String ID = "[0-9a-f]{32}";

    private final Statements reconciliation;
    private final long maxBytes;

    ReconciliationController(
            Statements reconciliation,
            @Value("${cluster.finance.reconciliation.max-statement-bytes:1048576}") long maxBytes) {
        this.reconciliation = reconciliation;
        this.maxBytes = maxBytes;
    }

    @Operation(
            summary = "Import bank statements",
            description =
                    "Finance staff only. The body is the file: Content-Type text/csv (see the CSV"
                        + " format in docs/services/finance-service.md: a header in English,"
                        + " French, Dutch or German with at least the columns date, amount and"
                        + " currency) or application/xml (ISO 20022 camt.053, any version, one or"
                        + " several statements); the 'format' parameter (csv or camt053) overrides"
                        + " the Content-Type. Or a multipart/form-data form with the file in the"
                        + " part 'file' and the parameters as fields. For CSV the balances come as"
                        + " parameters: closingBalance (required), openingBalance, closingDate"
                        + " (default: the last line's date), statementId (at most 35 characters)"
                        + " and account (else the file's account column, else the cluster's main"
                        + " account). A statement must be in the ledger's currency (EUR) and of one"
                        + " of the cluster's bank accounts (422 statement-currency-unsupported,"
                        + " statement-account-unknown). The lines are matched to the ledger at"
                        + " once. One statement: 201 with Location and the statement; the same"
                        + " statement again (same account, statement id, balances and lines,"
                        + " whatever the message id, creation time or line ends): 200 with the"
                        + " first import and Idempotent-Replayed: true; the same statement id with"
                        + " other content: 409 statement-conflict. A camt.053 file with several"
                        + " statements: each is imported, 201 (200 when every one was imported"
                        + " already) with one summary per statement. A file that cannot be read:"
                        + " 400 statement-unreadable, statement-column-missing (with the required"
                        + " columns and the names accepted), statement-field-count; a wrong value:"
                        + " 422 statement-date-invalid, statement-amount-invalid,"
                        + " statement-balances-inconsistent..., with 'where' naming the line and"
                        + " column or the element; nothing is stored. 413 over the size limit, 415"
                        + " for another content type. Every problem has its 'code'.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            description = "The statement file, or a form with it",
                            content = {
                                @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                                @Content(
                                        mediaType = "application/xml",
                                        schema = @Schema(type = "string")),
                                @Content(
                                        mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                                        schema = @Schema(implementation = StatementForm.class))
                            }))
    @ApiResponses({
        @ApiResponse(
                responseCode = "201",
                description =
                        "Imported: the statement with its reconciliation, or for a "
                                + "file of several statements one summary per statement",
                content =
                        @Content(
                                mediaType = MediaType.APPLICATION_JSON_VALUE,
                                schema =
                                        @Schema(
                                                oneOf = {
                                                    StatementView.class,
                                                    StatementView.FileView.class
                                                }))),
        @ApiResponse(
                responseCode = "200",
                description = "Imported already (Idempotent-Replayed: true): the first " + "import",
                content =
                        @Content(
                                mediaType = MediaType.APPLICATION_JSON_VALUE,
                                schema =
                                        @Schema(
                                                oneOf = {
                                                    StatementView.class,
                                                    StatementView.FileView.class
                                                }))),
        @ApiResponse(
                responseCode = "400",
                description =
                        "statement-unreadable, statement-column-missing, "
                                + "statement-field-count, statement-empty, validation",
                content =
                        @Content(
                                mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                schema = @Schema(implementation = ProblemDetail.class))),
        @ApiResponse(
                responseCode = "401",
                description = "No valid token",
                content =
                        @Content(
                                mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                schema = @Schema(implementation = ProblemDetail.class))),
        @ApiResponse(
                responseCode = "403",
                description = "Not finance staff",
                content =
                        @Content(
                                mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                schema = @Schema(implementation = ProblemDetail.class))),
        @ApiResponse(
                responseCode = "409",
                description =
                        "statement-conflict: the statement id was imported with " + "other content",
                content =
                        @Content(
                                mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                schema = @Schema(implementation = ProblemDetail.class))),
        @ApiResponse(
                responseCode = "413",
                description = "The file is over the size limit",
                content =
                        @Content(
                                mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                schema = @Schema(implementation = ProblemDetail.class))),
        @ApiResponse(
                responseCode = "415",
                description = "statement-format-unsupported",
                content =
                        @Content(
                                mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                schema = @Schema(implementation = ProblemDetail.class))),
        @ApiResponse(
                responseCode = "422",
                description =
                        "A wrong value (statement-date-invalid, statement-currency-unsupported,"
                                + " statement-account-unknown, ...), with where and value",
                content =
                        @Content(
                                mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                schema = @Schema(implementation = ProblemDetail.class)))
    })
    @PostMapping
    ResponseEntity<Object> importStatement(
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestParam(required = false) @Pattern(regexp = "csv|camt053") String format,
            @RequestParam(required = false) @Pattern(regexp = DECIMAL) String closingBalance,
            @RequestParam(required = false) @Pattern(regexp = DECIMAL) String openingBalance,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate closingDate,
            @RequestParam(required = false)
                    @Size(max = MAX_STATEMENT_ID)
                    @Pattern(regexp = "[\\p{Alnum}._:/-]+")
                    String statementId,
            @RequestParam(required = false) @Size(max = 34) @Pattern(regexp = "[\\p{Alnum} ]+")
                    String account,
            @Parameter(hidden = true) InputStream body,
            Caller caller)
            throws IOException {
        ReconciliationAccess.checkMayReconcile(caller);
        MediaType type = mediaType(contentType);
        return imported(
                format(format, type, null),
                charset(type),
                read(body),
                openingBalance,
                closingBalance,
                closingDate,
                statementId,
                account,
                caller);
    }

    /** The multipart form, for the OpenAPI (its operation is documented with the import's). */
    @Schema(name = "ReconciliationStatementForm")
    record StatementForm(
            @Schema(
                            type = "string",
                            format = "binary",
                            requiredMode = Schema.RequiredMode.REQUIRED,
                            description =
                                    "the statement file; .csv or .xml, else its content type, gives"
                                            + " the format")
                    String file,
            String format,
            String closingBalance,
            String openingBalance,
            String closingDate,
            String statementId,
            String account) {}

    @Operation(hidden = true, summary = "Import bank statements from a form")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Object> importStatementFile(
            @RequestPart("file") MultipartFile file,
            @RequestParam(required = false) @Pattern(regexp = "csv|camt053") String format,
            @RequestParam(required = false) @Pattern(regexp = DECIMAL) String closingBalance,
            @RequestParam(required = false) @Pattern(regexp = DECIMAL) String openingBalance,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate closingDate,
            @RequestParam(required = false)
                    @Size(max = MAX_STATEMENT_ID)
                    @Pattern(regexp = "[\\p{Alnum}._:/-]+")
                    String statementId,
            @RequestParam(required = false) @Size(max = 34) @Pattern(regexp = "[\\p{Alnum} ]+")
                    String account,
            Caller caller)
            throws IOException {
        ReconciliationAccess.checkMayReconcile(caller);
        MediaType type = mediaType(file.getContentType());
        try (InputStream body = file.getInputStream()) {
            return imported(
                    format(format, type, file.getOriginalFilename()),
                    charset(type),
                    read(body),
                    openingBalance,
                    closingBalance,
                    closingDate,
                    statementId,
                    account,
                    caller);
        }
    }

    private ResponseEntity<Object> imported(
            StatementFormat format,
            Charset charset,
            byte[] content,
            String openingBalance,
            String closingBalance,
            LocalDate closingDate,
            String statementId,
            String account,
            Caller caller) {
        List<Imported> imported =
                switch (format) {
                    case CSV ->
                            List.of(
                                    reconciliation.importCsv(
                                            content,
                                            charset,
                                            new CsvStatementParser.Options(
                                                    statementId,
                                                    account == null
                                                            ? null
                                                            : account.replace(" ", ""),
                                                    decimal(openingBalance),
                                                    decimal(closingBalance),
                                                    closingDate),
                                            caller.subject()));
                    case CAMT053 -> reconciliation.importCamt053(content, caller.subject());
                };
        boolean created = imported.stream().anyMatch(Imported::created);
        if (imported.size() == 1) {
            Imported one = imported.getFirst();
            StatementView view = StatementView.of(one.statement(), !one.created());
            URI location = URI.create(location(one.statement().id()));
            if (!created) {
                return ResponseEntity.ok().location(location).header(REPLAYED, "true").body(view);
            }
            return ResponseEntity.created(location).body(view);
        }
        List<StatementView.ImportedView> statements =
                imported.stream()
                        .map(
                                one ->
                                        StatementView.ImportedView.of(
                                                one.statement(),
                                                one.created(),
                                                location(one.statement().id())))
                        .toList();
        int count = (int) imported.stream().filter(Imported::created).count();
        StatementView.FileView view =
                new StatementView.FileView(statements, count, imported.size() - count);
        if (!created) {
            return ResponseEntity.ok().header(REPLAYED, "true").body(view);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(view);
    }

    private static String location(String id) {
        return "/api/finance/reconciliation/statements/" + id;
    }

    @Operation(
            summary = "Match a statement again",
            description =
                    "Finance staff only. Matches the statement's lines to the ledger as it is now"
                            + " (payments may have been recorded since the import) and checks the"
                            + " balance again; 200 with the statement; 404 statement-not-found.")
    @PostMapping("/{id}/matching")
    StatementView rematch(@PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        ReconciliationAccess.checkMayReconcile(caller);
        return StatementView.of(reconciliation.rematch(id).orElseThrow(() -> notFound(id)), false);
    }

    @Operation(
            summary = "Imported statements",
            description =
                    "Finance staff and managers. The latest imported first; page from 0, size 1 to"
                        + " 100 (default 20); each with its counts and whether its balance agrees.")
    @GetMapping
    StatementView.Page statements(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE) int size,
            Caller caller) {
        ReconciliationAccess.checkMayRead(caller);
        return new StatementView.Page(
                reconciliation.page(page, size).stream()
                        .map(StatementView.SummaryView::of)
                        .toList(),
                page,
                size,
                reconciliation.count());
    }

    @Operation(
            summary = "A statement and its reconciliation",
            description =
                    "Finance staff and managers. Every line with its status (MATCHED with the"
                        + " entry's sequence and id and the basis, or UNMATCHED), the summary"
                        + " counts, the ledger's bank entries of the period that no line matched,"
                        + " and the balance check {asOf, ledgerBalance, statementBalance,"
                        + " difference, agrees}. 404 statement-not-found.")
    @GetMapping("/{id}")
    StatementView statement(@PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        ReconciliationAccess.checkMayRead(caller);
        return StatementView.of(reconciliation.find(id).orElseThrow(() -> notFound(id)), false);
    }

    private static MediaType mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        try {
            return MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException unreadable) {
            throw new ProblemException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE, "statement-format-unsupported", contentType);
        }
    }

    private static StatementFormat format(String format, MediaType type, String fileName) {
        if (format != null) {
            return format.equals("csv") ? StatementFormat.CSV : StatementFormat.CAMT053;
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return StatementFormat.CSV;
        }
        if (name.endsWith(".xml")) {
            return StatementFormat.CAMT053;
        }
        if (type != null) {
            String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
            if (type.getType().equals("text") && subtype.equals("csv")) {
                return StatementFormat.CSV;
            }
            if ((type.getType().equals("application") || type.getType().equals("text"))
                    && (subtype.equals("xml") || subtype.endsWith("+xml"))) {
                return StatementFormat.CAMT053;
            }
        }
        throw new ProblemException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "statement-format-unsupported",
                type == null ? "none" : type.toString());
    }

    private static Charset charset(MediaType type) {
        try {
            return type == null ? null : type.getCharset();
        } catch (RuntimeException unknown) {
            throw new ProblemException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "statement-format-unsupported",
                    type.toString());
        }
    }

    /** Reads at most the limit, whatever the Content-Length said (a chunked body has none). */
    private byte[] read(InputStream body) throws IOException {
        byte[] content = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (content.length > maxBytes) {
            throw new ProblemException(
                    HttpStatus.CONTENT_TOO_LARGE, "statement-too-large", maxBytes);
        }
        if (content.length == 0) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "statement-empty");
        }
        return content;
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "statement-not-found", id);
    }
}
