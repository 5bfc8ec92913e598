package coop.cluster.finance.reconciliation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The cluster's bank accounts ({@code cluster.finance.reconciliation.bank-accounts}): a statement
 * is imported only when it is of one of them. IBANs (or the bank's other account ids), compared in
 * upper case without spaces; the first is the main account, which a CSV export that names no
 * account is taken to be of.
 *
 * <p>By default the demo cluster's account, {@value #DEMO_ACCOUNT} (the account of the sample
 * statements); an installation lists its own. An empty list is refused at start: no statement could
 * be imported.
 */
@ConfigurationProperties("cluster.finance.reconciliation")
public record BankAccounts(List<String> bankAccounts) {

    public static final String DEMO_ACCOUNT = "FR7630006000011234567890189";
    private static final int MAX_LENGTH = 34;

    public BankAccounts {
        if (bankAccounts == null) {
            bankAccounts = List.of(DEMO_ACCOUNT);
        }
        List<String> normalized = new ArrayList<>();
        for (String account : bankAccounts) {
            String plain = normalize(account);
            if (plain == null || plain.length() > MAX_LENGTH || !plain.matches("[A-Z0-9]+")) {
                throw new IllegalArgumentException(
                        "cluster.finance.reconciliation.bank-accounts: not an IBAN or "
                                + "account id: "
                                + account);
            }
            if (!normalized.contains(plain)) {
                normalized.add(plain);
            }
        }
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException(
                    "cluster.finance.reconciliation.bank-accounts must name at least one "
                            + "of the cluster's bank accounts");
        }
        bankAccounts = List.copyOf(normalized);
    }

    /** An account as compared: upper case, without spaces; {@code null} when blank. */
    public static String normalize(String account) {
        if (account == null || account.isBlank()) {
            return null;
        }
        return account.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    public boolean contains(String account) {
        String plain = normalize(account);
        return plain != null && bankAccounts.contains(plain);
    }

    /** The main account: the first listed. */
    public String main() {
        return bankAccounts.getFirst();
    }
}
