package coop.cluster.finance.report.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The public report of one period. Every amount is an exact decimal string in {@link #currency}
 * ({@code "12.50"}), never a number, so no reader can round it.
 *
 * @param periodId {@code 2026-03}, {@code 2026-Q1} or {@code 2026}
 * @param kind month, quarter or year
 * @param from first day
 * @param to last day
 * @param currency the ledger's currency
 * @param status {@code draft} (computed now) or {@code published} (the frozen copy)
 * @param seal whether the period is sealed, and its seal
 * @param throughSequence the journal entries the figures cover: all those up to this sequence
 * @param generatedAt when the figures were computed
 * @param publishedAt when published; {@code null} for a draft
 * @param revision the publication's revision (1, 2... when an unsealed period is published again);
 *     0 for a draft
 */
public record PeriodReport(
        String periodId,
        String kind,
        LocalDate from,
        LocalDate to,
        String currency,
        String status,
        Seal seal,
        long throughSequence,
        Instant generatedAt,
        Instant publishedAt,
        int revision,
        Income income,
        Expenses expenses,
        Balance balance,
        List<ProjectLine> projects,
        InKind inKind) {

    public static final String DRAFT = "draft";
    public static final String PUBLISHED = "published";

    /**
     * @param sealed whether the period was closed and sealed
     * @param hash its seal hash, or {@code null}
     * @param previousHash the previous seal's hash, or {@code null}
     * @param closedAt when it was closed, or {@code null}
     */
    public record Seal(boolean sealed, String hash, String previousHash, Instant closedAt) {

        public static final Seal NONE = new Seal(false, null, null, null);
    }

    /**
     * Income by source.
     *
     * @param membershipFees fees (4000 and its per-member sub-accounts)
     * @param donations per source ({@code 4100:S:<source>}; a source of {@code null}: posted to
     *     4100 itself)
     * @param grants per programme, with its projects
     * @param total all income
     */
    public record Income(
            String membershipFees,
            List<Line> donations,
            String donationsTotal,
            List<GrantLine> grants,
            String grantsTotal,
            String total) {}

    /**
     * One line: an account and its amount.
     *
     * @param code the account
     * @param key the source, project or member it stands for; {@code null} when posted to the
     *     parent account
     */
    public record Line(String code, String key, String amount) {}

    /** Grant income of one programme ({@code 4200:P:<programme>}), of which per project. */
    public record GrantLine(String code, String programme, String amount, List<Line> projects) {}

    /**
     * Expenses by category: administrative (6100), legal (6200), accounting (6300), project (6400).
     */
    public record Expenses(List<CategoryLine> categories, String total) {}

    public record CategoryLine(String category, String code, String amount) {}

    /**
     * The sub-account's balance.
     *
     * @param bankOpening the bank (1000) at the start of the first day
     * @param bankClosing the bank at the end of the last day
     * @param income all income of the period
     * @param expenses all expenses of the period
     * @param netResult income less expenses
     */
    public record Balance(
            String bankOpening,
            String bankClosing,
            String income,
            String expenses,
            String netResult) {}

    /**
     * Budget against actual for one project.
     *
     * @param project the project id
     * @param budgeted whether a budget is known for it; without one, {@code pledged} is {@code
     *     null}
     * @param pledged what the partners pledged, all together
     * @param received contributions received in the period (credits to {@code
     *     2500:J:<project>:M:<partner>})
     * @param receivedToDate received from the start up to the period's end
     * @param spent project expenses of the period ({@code 6400:J:<project>} and below)
     * @param spentToDate spent from the start up to the period's end
     * @param partners per partner
     * @param title the project's title from its budget, or {@code null}
     */
    public record ProjectLine(
            String project,
            boolean budgeted,
            String pledged,
            String received,
            String receivedToDate,
            String spent,
            String spentToDate,
            List<PartnerLine> partners,
            String title) {}

    /** One partner of a project: pledged ({@code null} without a budget line), received. */
    public record PartnerLine(
            String partner, String pledged, String received, String receivedToDate) {}

    /**
     * In-kind contributions at their value (memo account 9000), by who gave them.
     *
     * @param lines one per member, source or project
     * @param total all of them
     */
    public record InKind(List<InKindLine> lines, String total) {}

    /**
     * @param kind {@code member}, {@code source}, {@code project}, or {@code unspecified} (posted
     *     to 9000 itself)
     * @param id the member, source or project; {@code null} when unspecified
     */
    public record InKindLine(String kind, String id, String code, String amount) {}

    /** This report as the live draft: not published, revision 0. */
    public PeriodReport asDraft() {
        return new PeriodReport(
                periodId,
                kind,
                from,
                to,
                currency,
                DRAFT,
                seal,
                throughSequence,
                generatedAt,
                null,
                0,
                income,
                expenses,
                balance,
                projects,
                inKind);
    }

    /** This report as frozen by a publication. */
    public PeriodReport asPublished(Instant at, int newRevision) {
        return new PeriodReport(
                periodId,
                kind,
                from,
                to,
                currency,
                PUBLISHED,
                seal,
                throughSequence,
                generatedAt,
                at,
                newRevision,
                income,
                expenses,
                balance,
                projects,
                inKind);
    }

    /**
     * The figures alone, without what says when and how they were produced (status, times,
     * revision, sequence): two reports with equal figures say the same thing.
     */
    public PeriodReport figures() {
        return new PeriodReport(
                periodId, kind, from, to, currency, null, seal, 0, null, null, 0, income, expenses,
                balance, projects, inKind);
    }
}
