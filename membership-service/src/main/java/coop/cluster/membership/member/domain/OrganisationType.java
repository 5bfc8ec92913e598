package coop.cluster.membership.member.domain;

/** The kind of organisation; it is also the member category that fee schedules price. */
public enum OrganisationType {
    SME,
    LARGE_COMPANY,
    RESEARCH,
    EDUCATION,
    ASSOCIATION,
    PUBLIC_BODY
}
