package coop.cluster.fundingwatch.profile;

/**
 * The three parts of the matching view, by the tag of their metrics; each is kept by its store in
 * {@code profile.persistence} ({@code MemberProfileStore}, {@code GroupProfileStore}, {@code
 * ProjectProfileStore}).
 */
enum ViewKind {
    MEMBER("member"),
    GROUP("group"),
    PROJECT("project");

    private final String tag;

    ViewKind(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }
}
