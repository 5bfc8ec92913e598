package coop.cluster.fundingwatch.profile;

/** The three parts of the matching view: the tag of their metrics and the collection each is kept in. */
enum ViewKind {

    MEMBER("member", "member_profiles"),
    GROUP("group", "groups"),
    PROJECT("project", "projects");

    /** Every document of the view: when the view last changed it (a {@code Date}). */
    static final String UPDATED_AT = "updatedAt";

    private final String tag;
    private final String collection;

    ViewKind(String tag, String collection) {
        this.tag = tag;
        this.collection = collection;
    }

    String tag() {
        return tag;
    }

    String collection() {
        return collection;
    }
}
