package coop.cluster.fundingwatch.call.domain;

/** What a funding call offers. */
public enum CallKind {
    /** A grant: a topic or a call for proposals of an EU or national programme. */
    GRANT,
    /** A procurement call for tenders: the authority buys a service or supplies. */
    TENDER,
    /**
     * Cascade funding: a call run by an EU-funded project that passes funds on to third parties.
     */
    CASCADE
}
