package coop.cluster.web.finance;

import coop.cluster.web.api.Panels;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The ledger: journal entries (from a sequence on, filtered by date range and account, the filters
 * in the URL), every account's balance in its debit or credit column, and the trial balance.
 *
 * <p>The API reads the journal by sequence only; the date and account filters are applied here,
 * reading at most {@link #SCAN} entries per page of results, and the page says where to continue.
 */
@Controller
class LedgerPageController {

    static final int SIZE = 50;
    static final int SCAN = 2_000;
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9:._-]{1,120}");

    private final LedgerApi ledger;

    LedgerPageController(LedgerApi ledger) {
        this.ledger = ledger;
    }

    /**
     * One page of filtered entries.
     *
     * @param next the sequence to continue from, or null when the journal's end was reached
     * @param scanned whether the scan stopped at its limit before filling the page
     */
    record Found(List<LedgerApi.Entry> entries, Long next, boolean scanned) {}

    @GetMapping("/finance/ledger")
    String ledger(
            @RequestParam(name = "from", required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate fromDate,
            @RequestParam(name = "to", required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate toDate,
            @RequestParam(required = false) String account,
            @RequestParam(defaultValue = "1") long sequence,
            Model model) {
        String wanted = account == null || account.isBlank() ? null : account.strip();
        boolean accountValid = wanted == null || ACCOUNT.matcher(wanted).matches();
        long start = Math.max(1, sequence);
        model.addAttribute("fromDate", fromDate);
        model.addAttribute("toDate", toDate);
        model.addAttribute("account", wanted);
        model.addAttribute("accountInvalid", !accountValid);
        model.addAttribute("sequence", start);
        model.addAttribute("filtered", fromDate != null || toDate != null || wanted != null);
        model.addAttribute(
                "journal",
                Panels.load(
                        "journal",
                        () -> find(start, fromDate, toDate, accountValid ? wanted : null)));
        model.addAttribute("balances", Panels.load("balances", ledger::balances));
        return "finance/ledger";
    }

    private Found find(long start, LocalDate fromDate, LocalDate toDate, String account) {
        List<LedgerApi.Entry> found = new ArrayList<>();
        long from = start;
        int read = 0;
        while (true) {
            LedgerApi.Journal page = ledger.entries(from, 200);
            for (LedgerApi.Entry entry : page.entries()) {
                read++;
                if ((fromDate == null || !entry.date().isBefore(fromDate))
                        && (toDate == null || !entry.date().isAfter(toDate))
                        && (account == null || entry.touches(account))) {
                    found.add(entry);
                    if (found.size() == SIZE) {
                        return new Found(found, entry.sequence() + 1, false);
                    }
                }
                from = entry.sequence() + 1;
            }
            if (page.next() == null || page.entries().isEmpty()) {
                return new Found(found, null, false);
            }
            from = page.next();
            if (read >= SCAN) {
                return new Found(found, from, true);
            }
        }
    }
}
