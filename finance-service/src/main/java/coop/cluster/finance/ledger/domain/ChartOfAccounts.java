package coop.cluster.finance.ledger.domain;

import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The accounts of the lead member's sub-account, by code. Immutable: opening an account returns a
 * new chart (and the same chart when that very account is already there), so a chart can be shared
 * freely and a ledger switches to a larger one explicitly ({@link Ledger#extendChart}).
 *
 * <p>The {@linkplain #standard standard chart}, in one currency:
 *
 * <pre>
 * 1000  Bank                              asset
 * 1100  Member receivables                asset      1100:M:&lt;memberId&gt; per member, on demand
 * 2000  Expenses payable                  liability  approved, not yet paid
 * 2100  Member prepayments                liability  fees paid beyond what was invoiced
 * 2200  Deferred membership fees          liability  fees invoiced for a fee year not begun yet, 2200:M:&lt;memberId&gt;
 * 2500  Project funds held                liability  2500:J:&lt;projectId&gt; per project budget, on demand
 * 3000  Net assets                        equity     may go negative
 * 4000  Membership fees                   income
 * 4100  Donations                         income
 * 4200  Grant income                      income     4200:P:&lt;programme&gt;, 4200:P:&lt;programme&gt;:J:&lt;projectId&gt;
 * 6100  Administrative expenses           expense
 * 6200  Legal expenses                    expense
 * 6300  Accounting expenses               expense
 * 6400  Project expenses                  expense    6400:J:&lt;projectId&gt; per project, on demand
 * 9000  In-kind contributions             memo       debit-normal
 * 9900  In-kind contributions, contra     memo       credit-normal: the other side of 9000
 * </pre>
 *
 * Every account but the equity account refuses a negative balance. The sub-accounts a posting names
 * are opened on demand ({@link #resolve}): by member ({@code M}) under 1100, 2000, 2100, 2200,
 * 4000, 9000 and 9900; by project ({@code J}) under 2500 (and by partner member under that), the
 * expense accounts and grant income per programme; by programme ({@code P}) under 4200; by source
 * ({@code S}) under 4100, 9000 and 9900.
 */
public final class ChartOfAccounts {

    public static final String BANK = "1000";
    public static final String MEMBER_RECEIVABLES = "1100";
    public static final String EXPENSES_PAYABLE = "2000";
    public static final String MEMBER_PREPAYMENTS = "2100";

    /**
     * Fees invoiced for a fee year that has not begun: income of that year, recognised on its first
     * day.
     */
    public static final String DEFERRED_FEES = "2200";

    public static final String PROJECT_FUNDS = "2500";
    public static final String NET_ASSETS = "3000";
    public static final String FEE_INCOME = "4000";
    public static final String DONATIONS = "4100";
    public static final String GRANT_INCOME = "4200";
    public static final String ADMINISTRATIVE_EXPENSES = "6100";
    public static final String LEGAL_EXPENSES = "6200";
    public static final String ACCOUNTING_EXPENSES = "6300";
    public static final String PROJECT_EXPENSES = "6400";
    public static final String IN_KIND = "9000";
    public static final String IN_KIND_CONTRA = "9900";

    /** What a segment kind stands for, in an account's name: member, project, programme, source. */
    private static final Map<String, String> KINDS =
            Map.of("M", "member", "J", "project", "P", "programme", "S", "source");

    /**
     * The sub-accounts the standard chart opens on demand, by the kinds of their segments: {@code
     * 1100:M} is any {@code 1100:M:<memberId>}, {@code 4200:P:J} any {@code
     * 4200:P:<programme>:J:<projectId>}.
     */
    private static final Set<String> STANDARD_ON_DEMAND =
            Set.of(
                    "1100:M",
                    "2000:M",
                    "2100:M",
                    "2200:M",
                    "2500:J",
                    "2500:J:M",
                    "4000:M",
                    "4100:S",
                    "4200:P",
                    "4200:P:J",
                    "6100:J",
                    "6200:J",
                    "6300:J",
                    "6400:J",
                    "6400:J:M",
                    "9000:M",
                    "9000:S",
                    "9000:J",
                    "9900:M",
                    "9900:S",
                    "9900:J");

    private final Map<String, Account> accounts;
    private final Set<String> onDemand;

    private ChartOfAccounts(Map<String, Account> accounts, Set<String> onDemand) {
        this.accounts = accounts;
        this.onDemand = onDemand;
    }

    /**
     * A chart of the given accounts. Codes are unique; a sub-account's parent comes before it and
     * shares its type, currency and normal side.
     */
    public static ChartOfAccounts of(Collection<Account> accounts) {
        ChartOfAccounts chart = new ChartOfAccounts(Map.of(), Set.of());
        for (Account account : accounts) {
            chart = chart.withAccount(account);
        }
        return chart;
    }

    /** The cluster's standard chart, described above, in one currency. */
    public static ChartOfAccounts standard(Currency currency) {
        Objects.requireNonNull(currency, "currency");
        return new ChartOfAccounts(
                of(List.of(
                                Account.of(BANK, "Bank", AccountType.ASSET, currency),
                                Account.of(
                                        MEMBER_RECEIVABLES,
                                        "Member receivables",
                                        AccountType.ASSET,
                                        currency),
                                Account.of(
                                        EXPENSES_PAYABLE,
                                        "Expenses payable",
                                        AccountType.LIABILITY,
                                        currency),
                                Account.of(
                                        MEMBER_PREPAYMENTS,
                                        "Member prepayments",
                                        AccountType.LIABILITY,
                                        currency),
                                Account.of(
                                        DEFERRED_FEES,
                                        "Deferred membership fees",
                                        AccountType.LIABILITY,
                                        currency),
                                Account.of(
                                        PROJECT_FUNDS,
                                        "Project funds held",
                                        AccountType.LIABILITY,
                                        currency),
                                Account.of(NET_ASSETS, "Net assets", AccountType.EQUITY, currency),
                                Account.of(
                                        FEE_INCOME,
                                        "Membership fees",
                                        AccountType.INCOME,
                                        currency),
                                Account.of(DONATIONS, "Donations", AccountType.INCOME, currency),
                                Account.of(
                                        GRANT_INCOME, "Grant income", AccountType.INCOME, currency),
                                Account.of(
                                        ADMINISTRATIVE_EXPENSES,
                                        "Administrative expenses",
                                        AccountType.EXPENSE,
                                        currency),
                                Account.of(
                                        LEGAL_EXPENSES,
                                        "Legal expenses",
                                        AccountType.EXPENSE,
                                        currency),
                                Account.of(
                                        ACCOUNTING_EXPENSES,
                                        "Accounting expenses",
                                        AccountType.EXPENSE,
                                        currency),
                                Account.of(
                                        PROJECT_EXPENSES,
                                        "Project expenses",
                                        AccountType.EXPENSE,
                                        currency),
                                Account.of(
                                        IN_KIND,
                                        "In-kind contributions",
                                        AccountType.MEMO,
                                        currency),
                                Account.of(
                                                IN_KIND_CONTRA,
                                                "In-kind contributions, contra",
                                                AccountType.MEMO,
                                                currency)
                                        .contra()))
                        .accounts,
                STANDARD_ON_DEMAND);
    }

    /**
     * This chart plus {@code account}. Returns this chart when the identical account is already
     * there; refuses a different account under the same code ({@code account-code-taken}), an
     * unknown parent ({@code account-unknown}), and a sub-account whose type, currency or normal
     * side differ from its parent's ({@code account-invalid}).
     */
    public ChartOfAccounts withAccount(Account account) {
        Objects.requireNonNull(account, "account");
        Account existing = accounts.get(account.code());
        if (existing != null) {
            if (existing.equals(account)) {
                return this;
            }
            throw new LedgerViolation(
                    LedgerViolation.Reason.ACCOUNT_CODE_TAKEN,
                    "account " + account.code() + " already exists as " + existing.name());
        }
        if (account.parentCode() != null) {
            Account parent = accounts.get(account.parentCode());
            if (parent == null) {
                throw new LedgerViolation(
                        LedgerViolation.Reason.ACCOUNT_UNKNOWN,
                        "parent account "
                                + account.parentCode()
                                + " of "
                                + account.code()
                                + " is not in the chart");
            }
            if (parent.type() != account.type()
                    || !parent.currency().equals(account.currency())
                    || parent.normalSide() != account.normalSide()) {
                throw new LedgerViolation(
                        LedgerViolation.Reason.ACCOUNT_INVALID,
                        "sub-account "
                                + account.code()
                                + " must have the type, currency and normal side of "
                                + parent.code());
            }
        }
        Map<String, Account> larger = new LinkedHashMap<>(accounts);
        larger.put(account.code(), account);
        return new ChartOfAccounts(java.util.Collections.unmodifiableMap(larger), onDemand);
    }

    /** This chart with a sub-account of {@code parentCode}; this chart if it is already there. */
    public ChartOfAccounts withSubAccount(String parentCode, String name, String... segments) {
        return withAccount(get(parentCode).subAccount(name, segments));
    }

    /** This chart with the receivable of one member ({@code 1100:M:<memberId>}). */
    public ChartOfAccounts withMemberReceivable(String memberId) {
        return withSubAccount(
                MEMBER_RECEIVABLES, "Receivable from member " + memberId, "M", memberId);
    }

    /** This chart with grant income for one programme ({@code 4200:P:<programme>}). */
    public ChartOfAccounts withGrantIncome(String programme) {
        return withSubAccount(GRANT_INCOME, "Grant income, programme " + programme, "P", programme);
    }

    /**
     * This chart with grant income for one project under a programme, opening the programme's if
     * needed.
     */
    public ChartOfAccounts withGrantIncome(String programme, String projectId) {
        ChartOfAccounts chart = withGrantIncome(programme);
        return chart.withSubAccount(
                grantIncomeCode(programme),
                "Grant income, programme " + programme + ", project " + projectId,
                "J",
                projectId);
    }

    /** This chart with the budget sub-account of one project ({@code 2500:J:<projectId>}). */
    public ChartOfAccounts withProjectBudget(String projectId) {
        return withSubAccount(
                PROJECT_FUNDS, "Project funds held, project " + projectId, "J", projectId);
    }

    /** This chart with the expense sub-account of one project ({@code 6400:J:<projectId>}). */
    public ChartOfAccounts withProjectExpenses(String projectId) {
        return withSubAccount(
                PROJECT_EXPENSES, "Project expenses, project " + projectId, "J", projectId);
    }

    public static String memberReceivableCode(String memberId) {
        return MEMBER_RECEIVABLES + ":M:" + memberId;
    }

    public static String grantIncomeCode(String programme) {
        return GRANT_INCOME + ":P:" + programme;
    }

    public static String grantIncomeCode(String programme, String projectId) {
        return grantIncomeCode(programme) + ":J:" + projectId;
    }

    public static String projectBudgetCode(String projectId) {
        return PROJECT_FUNDS + ":J:" + projectId;
    }

    public static String projectExpensesCode(String projectId) {
        return PROJECT_EXPENSES + ":J:" + projectId;
    }

    public Optional<Account> find(String code) {
        return Optional.ofNullable(accounts.get(code));
    }

    /**
     * The account with this code: one of the chart's, or a sub-account this chart opens on demand
     * (a member's receivable, a project's budget...) with its ancestors, named after its segments.
     * The chart itself is not changed: {@link #withOpened} adds the account.
     */
    public Optional<Account> resolve(String code) {
        Account known = accounts.get(code);
        if (known != null) {
            return Optional.of(known);
        }
        List<Account> chain = openable(code);
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(chain.size() - 1));
    }

    /**
     * This chart with the account {@code code} and its ancestors, opened on demand; or {@code
     * account-unknown}.
     */
    public ChartOfAccounts withOpened(String code) {
        if (accounts.containsKey(code)) {
            return this;
        }
        List<Account> chain = openable(code);
        if (chain.isEmpty()) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.ACCOUNT_UNKNOWN, "no account " + code + " in the chart");
        }
        ChartOfAccounts chart = this;
        for (Account account : chain) {
            chart = chart.withAccount(account);
        }
        return chart;
    }

    /**
     * The accounts to open, outermost first, for {@code code} to exist; empty when it may not be
     * opened.
     */
    private List<Account> openable(String code) {
        if (code == null || onDemand.isEmpty() || code.length() > Account.MAX_CODE_LENGTH) {
            return List.of();
        }
        String[] parts = code.split(":", -1);
        if (parts.length < 3 || parts.length % 2 == 0) {
            return List.of();
        }
        StringBuilder kinds = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i += 2) {
            kinds.append(':').append(parts[i]);
            if (!onDemand.contains(kinds.toString())) {
                return List.of();
            }
        }
        Account parent = accounts.get(parts[0]);
        if (parent == null) {
            return List.of();
        }
        List<Account> chain = new java.util.ArrayList<>();
        for (int i = 1; i < parts.length; i += 2) {
            String childCode = parent.code() + ":" + parts[i] + ":" + parts[i + 1];
            Account child = accounts.get(childCode);
            if (child == null) {
                try {
                    child =
                            parent.subAccount(
                                    parent.name() + ", " + KINDS.get(parts[i]) + " " + parts[i + 1],
                                    parts[i],
                                    parts[i + 1]);
                } catch (LedgerViolation badSegment) {
                    return List.of();
                }
                chain.add(child);
            }
            parent = child;
        }
        return chain;
    }

    /** The account with this code, or {@code account-unknown}. */
    public Account get(String code) {
        Account account = accounts.get(code);
        if (account == null) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.ACCOUNT_UNKNOWN, "no account " + code + " in the chart");
        }
        return account;
    }

    public boolean contains(String code) {
        return accounts.containsKey(code);
    }

    /** Every account, in the order opened. */
    public List<Account> accounts() {
        return List.copyOf(accounts.values());
    }

    /** The direct sub-accounts of an account. */
    public List<Account> children(String code) {
        return accounts.values().stream()
                .filter(account -> code.equals(account.parentCode()))
                .toList();
    }

    /** Whether every account of {@code smaller} is in this chart, unchanged. */
    public boolean includes(ChartOfAccounts smaller) {
        return smaller.accounts.values().stream()
                .allMatch(account -> account.equals(accounts.get(account.code())));
    }

    public int size() {
        return accounts.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChartOfAccounts chart
                && chart.accounts.equals(accounts)
                && chart.onDemand.equals(onDemand);
    }

    @Override
    public int hashCode() {
        return accounts.hashCode() * 31 + onDemand.hashCode();
    }

    @Override
    public String toString() {
        return "ChartOfAccounts" + accounts.keySet();
    }
}
