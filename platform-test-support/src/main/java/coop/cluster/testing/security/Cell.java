package coop.cluster.testing.security;

/**
 * One cell of the matrix: who calls, and whether about its own object. Request factories use it to
 * pick the object's id.
 */
public record Cell(Subject subject, Ownership ownership) {

    /** The member organisation the request is about: the caller's own, or another one. */
    public String memberId() {
        return ownership == Ownership.OWN
                ? AuthorizationMatrix.OWN_MEMBER
                : AuthorizationMatrix.OTHER_MEMBER;
    }

    /** The feed the request is about: the caller's own feed, or another one. */
    public String feedId() {
        return ownership == Ownership.OWN
                ? AuthorizationMatrix.OWN_FEED
                : AuthorizationMatrix.OTHER_FEED;
    }

    /**
     * The subject name of the caller, or of another user when the object is not the caller's own.
     */
    public String userName() {
        return ownership == Ownership.OWN ? subject.subjectName() : "matrix-someone-else";
    }

    public boolean own() {
        return ownership == Ownership.OWN;
    }

    @Override
    public String toString() {
        String who = subject.name().toLowerCase(java.util.Locale.ROOT);
        boolean ownershipMatters = subject.hasOrganisation() || subject == Subject.FEED;
        return ownershipMatters
                ? who + " · " + ownership.name().toLowerCase(java.util.Locale.ROOT)
                : who;
    }
}
