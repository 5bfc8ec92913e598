package coop.cluster.web.security;

import java.util.ArrayList;
import java.util.List;

/**
 * The console's sections, by role: the header shows the entries of the signed-in person's roles
 * (the API still decides every right). One place lists them, so that a new page is one line here.
 */
public final class Navigation {

    /** One entry: its path, its label's bundle key, and the path prefix that marks it current. */
    public record Entry(String path, String label, String prefix) {

        public boolean matches(String currentPath) {
            return currentPath != null
                    && (currentPath.equals(path)
                            || currentPath.startsWith(prefix + "/")
                            || currentPath.equals(prefix));
        }
    }

    private Navigation() {}

    public static List<Entry> entries(Person person) {
        List<Entry> entries = new ArrayList<>();
        if (person == null) {
            return entries;
        }
        entries.add(new Entry("/home", "nav.home", "/home"));
        entries.add(new Entry("/inbox", "nav.inbox", "/inbox"));
        if (person.hasOrganisation()) {
            entries.add(new Entry("/organisation", "nav.organisation", "/organisation"));
            entries.add(new Entry("/directory", "nav.directory", "/directory"));
            entries.add(new Entry("/projects", "nav.projects", "/projects"));
            entries.add(new Entry("/calls", "nav.calls", "/calls"));
            entries.add(new Entry("/invoices", "nav.invoices", "/invoices"));
        } else if (person.isManager()) {
            entries.add(new Entry("/directory", "nav.directory", "/directory"));
            entries.add(new Entry("/calls", "nav.calls", "/calls"));
        }
        if (!person.hasOrganisation() && !person.isManager() && !person.isFinance()) {
            entries.add(new Entry("/apply", "nav.apply", "/apply"));
        }
        if (person.isDelegate() || person.isManager()) {
            entries.add(new Entry("/council", "nav.council", "/council"));
        }
        if (person.isManager()) {
            entries.add(new Entry("/manage", "nav.manage", "/manage"));
        }
        if (person.isFinance()) {
            entries.add(new Entry("/finance", "nav.finance", "/finance"));
        }
        entries.add(new Entry("/reports", "nav.reports", "/reports"));
        return List.copyOf(entries);
    }
}
