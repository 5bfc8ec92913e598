package coop.cluster.testing.security;

/**
 * Whether the object a request touches is the caller's own (its organisation's, its feed's, its
 * project's).
 */
public enum Ownership {
    OWN,
    OTHER
}
