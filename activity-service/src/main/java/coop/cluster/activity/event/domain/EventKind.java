package coop.cluster.activity.event.domain;

/** What sort of exchange event it is. */
public enum EventKind {
    WORKSHOP,
    SITE_VISIT,
    GENERAL_ASSEMBLY,
    B2B_SESSION,
    WEBINAR,
    OTHER
}
