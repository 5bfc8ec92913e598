package coop.cluster.membership.council.domain;

/**
 * What a fee schedule asks of a member admitted after its fee year began, for that first fee year
 * (a member admitted on or before the fee year's first day owes the whole year's fee). Adopted with
 * the schedule; a schedule that does not say (one adopted before the rule existed, or an event
 * without the field) follows {@link #DEFAULT}.
 */
public enum LateAdmission {

    /** The whole year's fee, whenever in the year the member was admitted. */
    FULL_YEAR,
    /**
     * The fee of the months left, counting the month of admission: {@code fee × months / 12},
     * rounded half up to the currency's minor unit. A month of the fee year runs from its first
     * day's day of month to the day before it in the next month (with the fee year starting on 1
     * January, calendar months): admitted on 7 December, 1/12.
     */
    PRO_RATA_MONTHS,
    /** Nothing for the fee year of admission: the member's first fee is the next fee year's. */
    FREE_UNTIL_NEXT_YEAR;

    /**
     * The rule of a schedule that names none: pro rata by month, so a member admitted in December
     * pays 1/12.
     */
    public static final LateAdmission DEFAULT = PRO_RATA_MONTHS;
}
