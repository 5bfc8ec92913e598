package coop.cluster.membership.member.domain;

/** What a member offers the others. */
public enum ResourceType {
    PREMISES,
    EQUIPMENT,
    EXPERTISE,
    SERVICES,
    CONTACTS
}
