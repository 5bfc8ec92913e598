package coop.cluster.auth.people.domain;

/** A disabled person cannot log in, and gets no token. */
public enum PersonStatus {
    ACTIVE,
    DISABLED
}
