package coop.cluster.finance.reconciliation;

import coop.cluster.finance.ConflictRetry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.reconciliation.domain.BalanceCheck;
import coop.cluster.finance.reconciliation.domain.BalanceExplanation;
import coop.cluster.finance.reconciliation.domain.BankMovement;
import coop.cluster.finance.reconciliation.domain.BankStatement;
import coop.cluster.finance.reconciliation.domain.Camt053Parser;
import coop.cluster.finance.reconciliation.domain.CsvStatementParser;
import coop.cluster.finance.reconciliation.domain.StatementFormat;
import coop.cluster.finance.reconciliation.domain.StatementMatcher;
import coop.cluster.finance.reconciliation.domain.StatementProblem;
import coop.cluster.finance.reconciliation.domain.StatementProblem.Where;
import coop.cluster.finance.reconciliation.persistence.StatementStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Bank reconciliation: imports statements (idempotently), matches their lines to the ledger's bank
 * movements and checks the closing balance against the ledger's. Correct without transactions: an
 * import is one insert with a deterministic id, a re-run one compare-and-set (see {@link
 * StatementStore}).
 */
@Service
@EnableConfigurationProperties(BankAccounts.class)
public class Statements {

    public static final String IMPORTS_METRIC = "cluster.finance.reconciliation.imports";
    public static final String LINES_METRIC = "cluster.finance.reconciliation.lines";
    static final int MAX_RUNS = 20;
    private static final Logger log = LoggerFactory.getLogger(Statements.class);

    private final StatementStore store;
    private final LedgerBank bank;
    private final BankAccounts accounts;
    private final StatementMatcher matcher;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ConflictRetry runs = new ConflictRetry(MAX_RUNS);
    private final Map<StatementFormat, Counter> imports = new HashMap<>();
    private final Counter matchedLines;
    private final Counter unmatchedLines;

    @Autowired
    Statements(
            StatementStore store,
            LedgerBank bank,
            BankAccounts accounts,
            MeterRegistry meters,
            @Value(
                            "${cluster.finance.reconciliation.window-days:"
                                    + StatementMatcher.DEFAULT_WINDOW_DAYS
                                    + "}")
                    int windowDays) {
        this(store, bank, accounts, meters, new StatementMatcher(windowDays), Clock.systemUTC());
    }

    Statements(
            StatementStore store,
            LedgerBank bank,
            BankAccounts accounts,
            MeterRegistry meters,
            StatementMatcher matcher,
            Clock clock) {
        this.store = store;
        this.bank = bank;
        this.accounts = accounts;
        this.matcher = matcher;
        this.clock = clock;
        this.meters = meters;
        for (StatementFormat format : StatementFormat.values()) {
            imports.put(
                    format,
                    Counter.builder(IMPORTS_METRIC)
                            .description("Bank statements imported, by format")
                            .tag("format", format.tag())
                            .register(meters));
        }
        this.matchedLines = lines(meters, "matched");
        this.unmatchedLines = lines(meters, "unmatched");
    }

    private static Counter lines(MeterRegistry meters, String status) {
        return Counter.builder(LINES_METRIC)
                .description("Statement lines found matched or unmatched by a matching run")
                .tag("status", status)
                .register(meters);
    }

    /** The outcome of an import: the stored statement, and whether this call stored it. */
    public record Imported(StoredStatement statement, boolean created) {}

    /**
     * Imports a statement file, or finds it already imported.
     *
     * @throws StatementProblem when the file cannot be read, or is not in the ledger's currency or
     *     of one of the cluster's accounts; nothing is stored
     * @throws StatementConflictException when its statement id was imported with other content
     */
    public Imported importCsv(
            byte[] content, Charset charset, CsvStatementParser.Options options, String by) {
        BankStatement statement =
                new CsvStatementParser(bank.currency()).parse(content, charset, options);
        boolean named = statement.account() != null;
        // the account is the parameter's when given (it must agree with the file's), else the
        // account column's, the
        // same on every line: named at the first line after the header
        Where accountAt =
                options.account() != null && !options.account().isBlank()
                        ? Where.parameter("account")
                        : Where.cell(2, "account");
        return store(
                        List.of(
                                new Parsed(
                                        named ? statement : statement.withAccount(accounts.main()),
                                        accountAt,
                                        !named)),
                        content,
                        by)
                .getFirst();
    }

    /**
     * Imports every statement of a camt.053 file (banks export several days or months in one), or
     * finds them already imported: in the file's order, one outcome per statement. The whole file
     * is read and checked before anything is stored, so a file with one bad statement, or one
     * already imported with other content, stores nothing.
     */
    public List<Imported> importCamt053(byte[] content, String by) {
        List<BankStatement> statements = new Camt053Parser(bank.currency()).parseAll(content);
        List<Parsed> parsed = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            parsed.add(
                    new Parsed(
                            statements.get(i),
                            Where.element(
                                    (statements.size() == 1 ? "Stmt" : "Stmt[" + (i + 1) + "]")
                                            + "/Acct/Id"),
                            false));
        }
        return store(parsed, content, by);
    }

    /**
     * A statement read from a file, where in it its account is, and whether the account is the main
     * one because the file named none.
     */
    private record Parsed(BankStatement statement, Where accountAt, boolean accountDefaulted) {}

    /** A statement to store: its id, and what is stored under it already. */
    private record Pending(
            BankStatement statement, String id, Optional<StoredStatement> existing) {}

    private List<Imported> store(List<Parsed> parsed, byte[] content, String by) {
        String hash = sha256(content);
        List<Pending> pending = new ArrayList<>();
        for (Parsed one : parsed) {
            BankStatement statement = one.statement();
            if (!accounts.contains(statement.account())) {
                throw StatementProblem.invalid(
                        StatementProblem.ACCOUNT_UNKNOWN, one.accountAt(), statement.account());
            }
            String id = identity(statement);
            Optional<StoredStatement> existing = store.find(id);
            existing.ifPresent(stored -> requireSame(stored, statement));
            if (existing.isEmpty()) {
                existing = imported(one, hash, parsed.size());
            }
            pending.add(
                    new Pending(statement, existing.map(StoredStatement::id).orElse(id), existing));
        }
        List<BankStatement> fresh =
                pending.stream()
                        .filter(p -> p.existing().isEmpty())
                        .map(Pending::statement)
                        .toList();
        LedgerBank.View view = fresh.isEmpty() ? null : read(fresh);
        Map<String, Imported> outcomes = new HashMap<>();
        // the earliest first, so that the first to match an entry near a month's end is its own
        // month's statement
        List<Pending> byDate =
                pending.stream()
                        .sorted(
                                Comparator.comparing((Pending p) -> p.statement().to())
                                        .thenComparing(p -> p.statement().from()))
                        .toList();
        for (Pending one : byDate) {
            if (outcomes.containsKey(one.id())) {
                continue; // the same statement twice in one file
            }
            outcomes.put(
                    one.id(),
                    one.existing()
                            .map(stored -> new Imported(stored, false))
                            .orElseGet(() -> insert(one, view, hash, by)));
        }
        return pending.stream().map(one -> outcomes.get(one.id())).toList();
    }

    /**
     * The statement as imported before statements had canonical identities and CSVs their main
     * account: a file without a statement id was known by its bytes, a CSV naming no account by its
     * statement id alone.
     */
    private Optional<StoredStatement> imported(Parsed parsed, String hash, int statementsInFile) {
        BankStatement statement = parsed.statement();
        if (statement.statementId() == null && statementsInFile == 1) {
            return store.find(legacyIdentity(hash)); // the very same bytes: the same statement
        }
        if (statement.statementId() != null && parsed.accountDefaulted()) {
            BankStatement unnamed = statement.withAccount(null);
            Optional<StoredStatement> existing = store.find(identity(unnamed));
            existing.ifPresent(stored -> requireSame(stored, unnamed));
            return existing;
        }
        return Optional.empty();
    }

    private Imported insert(Pending pending, LedgerBank.View view, String hash, String by) {
        BankStatement statement = pending.statement();
        String id = pending.id();
        StoredStatement stored =
                new StoredStatement(
                        id, statement, hash, now(), by, reconcile(id, statement, 1, view));
        if (!store.insert(stored)) {
            StoredStatement first = store.find(id).orElseThrow();
            requireSame(first, statement);
            return new Imported(first, false);
        }
        imports.get(statement.format()).increment();
        count(stored.reconciliation(), statement);
        log.info(
                "Statement {} imported ({} {}, {} lines, {} matched, balance {})",
                id,
                statement.format().tag(),
                statement.statementId(),
                statement.lines().size(),
                stored.reconciliation().matches().size(),
                stored.reconciliation().balance().agrees() ? "agrees" : "differs");
        return new Imported(stored, true);
    }

    /**
     * A statement already stored under the same identity is the same statement when it says the
     * same: account, id, balances and lines ({@link BankStatement#canonical}), whatever else
     * differs in the file.
     */
    private static void requireSame(StoredStatement existing, BankStatement statement) {
        if (!existing.statement().canonical().equals(statement.canonical())) {
            throw new StatementConflictException(
                    statement.statementId() != null ? statement.statementId() : existing.id());
        }
    }

    /**
     * Matches the statement again, against the ledger as it is now, and stores the outcome by
     * compare-and-set: a run that finds another one stored first runs again after a short random
     * pause ({@link ConflictRetry}, at most {@value #MAX_RUNS} runs), so runs never interleave.
     *
     * @throws ReconciliationBusyException when other runs kept storing first; nothing of this run
     *     was stored
     */
    public Optional<StoredStatement> rematch(String id) {
        return runs.run(
                () -> tryRematch(id),
                () -> new ReconciliationBusyException(id),
                () -> new ReconciliationBusyException("interrupted"));
    }

    /**
     * One run: its outcome (empty when the statement is unknown), or nothing when another run
     * stored first.
     */
    private Optional<Optional<StoredStatement>> tryRematch(String id) {
        Optional<StoredStatement> found = store.find(id);
        if (found.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        StoredStatement current = found.get();
        Reconciliation next =
                reconcile(
                        id,
                        current.statement(),
                        current.reconciliation().version() + 1,
                        read(List.of(current.statement())));
        if (store.replaceReconciliation(id, current.reconciliation().version(), next)) {
            count(next, current.statement());
            return Optional.of(
                    Optional.of(
                            new StoredStatement(
                                    id,
                                    current.statement(),
                                    current.contentHash(),
                                    current.importedAt(),
                                    current.importedBy(),
                                    next)));
        }
        log.debug("Statement {}: another matching run stored first; running again", id);
        return Optional.empty();
    }

    public Optional<StoredStatement> find(String id) {
        return store.find(id);
    }

    public List<StatementSummary> page(int page, int size) {
        return store.page(page, size);
    }

    public long count() {
        return store.count();
    }

    /**
     * The ledger's bank for some statements, read once: its movements over their periods widened by
     * the window, and its balances at the end of each closing date and of each day before a period.
     */
    private LedgerBank.View read(List<BankStatement> statements) {
        Currency currency = statements.getFirst().currency();
        LocalDate from =
                statements.stream()
                        .map(BankStatement::from)
                        .min(LocalDate::compareTo)
                        .orElseThrow();
        LocalDate to =
                statements.stream().map(BankStatement::to).max(LocalDate::compareTo).orElseThrow();
        Set<LocalDate> asOf = new HashSet<>();
        for (BankStatement statement : statements) {
            asOf.add(statement.to());
            asOf.add(statement.from().minusDays(1));
        }
        return bank.read(currency, from.minusDays(windowDays()), to.plusDays(windowDays()), asOf);
    }

    /**
     * Matches against the ledger's bank movements of the period (widened by the window), leaving
     * out the entries a line of another statement has matched, so that an entry near the end of a
     * month is not taken by two statements: the first to match it keeps it (best effort across
     * statements, which are separate documents). Then explains the balances' difference, naming
     * those entries too.
     */
    private Reconciliation reconcile(
            String id, BankStatement statement, long version, LedgerBank.View view) {
        List<BankMovement> near =
                view.between(
                        statement.from().minusDays(windowDays()),
                        statement.to().plusDays(windowDays()));
        Map<Long, StatementStore.Claim> elsewhere =
                store.matchedElsewhere(id, near.stream().map(BankMovement::sequence).toList());
        List<BankMovement> free =
                near.stream().filter(m -> !elsewhere.containsKey(m.sequence())).toList();
        StatementMatcher.Result result = matcher.match(statement.lines(), free);
        Map<Integer, LineMatch> matches = new HashMap<>();
        result.byLine()
                .forEach(
                        (line, match) ->
                                matches.put(
                                        line,
                                        new LineMatch(
                                                line,
                                                match.parts().stream()
                                                        .map(
                                                                part ->
                                                                        new LineMatch.Entry(
                                                                                part.movement()
                                                                                        .sequence(),
                                                                                part.movement()
                                                                                        .entryId(),
                                                                                part.movement()
                                                                                        .date(),
                                                                                part.movement()
                                                                                        .amount(),
                                                                                part.basis()))
                                                        .toList())));
        var unmatched =
                result.unmatchedMovements().stream()
                        .filter(
                                movement ->
                                        StatementMatcher.within(
                                                movement.date(), statement.from(), statement.to()))
                        .toList();
        List<BalanceExplanation.Claimed> claimed =
                near.stream()
                        .filter(m -> elsewhere.containsKey(m.sequence()))
                        .map(
                                m -> {
                                    StatementStore.Claim claim = elsewhere.get(m.sequence());
                                    return new BalanceExplanation.Claimed(
                                            m,
                                            claim.statement(),
                                            claim.statementId(),
                                            claim.line());
                                })
                        .toList();
        Money ledgerClosing = view.balance(statement.to());
        BalanceExplanation explanation =
                BalanceExplanation.of(
                        statement,
                        result,
                        result.unmatchedMovements(),
                        claimed,
                        view.balance(statement.from().minusDays(1)),
                        ledgerClosing);
        return new Reconciliation(
                version,
                now(),
                matches,
                unmatched,
                BalanceCheck.of(statement.to(), ledgerClosing, statement.closingBalance()),
                explanation);
    }

    /**
     * To the millisecond, as the store keeps it: an answer and a later read show the same times.
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private int windowDays() {
        return matcher.windowDays();
    }

    private void count(Reconciliation reconciliation, BankStatement statement) {
        matchedLines.increment(reconciliation.matches().size());
        unmatchedLines.increment(statement.lines().size() - reconciliation.matches().size());
    }

    /**
     * The statement's id: from the bank's statement id and the account when the file has one, else
     * from what the statement says ({@link BankStatement#canonical}), so that the same statement
     * downloaded again is found.
     */
    static String identity(BankStatement statement) {
        String key =
                statement.statementId() != null
                        ? "statement|"
                                + (statement.account() == null ? "" : statement.account())
                                + "|"
                                + statement.statementId()
                        : "canonical|"
                                + sha256(statement.canonical().getBytes(StandardCharsets.UTF_8));
        return sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }

    /** The id a statement without its own id had when identities came from the file's bytes. */
    static String legacyIdentity(String contentHash) {
        return sha256(("content|" + contentHash).getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
