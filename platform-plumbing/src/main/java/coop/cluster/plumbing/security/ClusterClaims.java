package coop.cluster.plumbing.security;

/** Names of the claims the platform reads from access tokens (docs/identity.md). */
public final class ClusterClaims {

    public static final String ROLES = "roles";
    public static final String MEMBER_ID = "member_id";
    public static final String FEED_ID = "feed_id";

    private ClusterClaims() {}
}
