package coop.cluster.finance;

/** The answers the finance endpoints' authorization matrices expect, by who may do what. */
public final class FinanceAccess {

    /** Reading the books: finance staff and managers; nobody else. */
    public static final String READ =
            """
            anonymous 401
            member    403
            delegate  403
            manager   200
            finance   200
            feed      403
            """;

    /** Writing to the books: finance staff only, answered {@code 201}. */
    public static final String WRITE =
            """
            anonymous 401
            member    403
            delegate  403
            manager   403
            finance   201
            feed      403
            """;

    private FinanceAccess() {}
}
