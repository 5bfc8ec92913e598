package coop.cluster.fundingwatch.match;

import java.util.List;
import java.util.Objects;

/**
 * Something a funding call is matched against, and who hears of a match: a member, a thematic
 * group, a forming project or a saved watch, reduced to its labels and conditions. Plain data;
 * {@link Targets} makes them from the matching view.
 *
 * @param name how people know it: the organisation's, group's or project's name, the watch's name
 * @param recipients the member organisations a match is for: the member itself, the group's
 *     members, the project's partners, the watch's owner
 * @param facets the labels looked for in a call
 * @param places where it is (members only): country code and NUTS region codes; a call that names
 *     eligible countries or regions matches a member only when one of these is among them. Empty:
 *     no condition
 * @param programmes the programmes it is limited to (watches), lower case; empty: any
 * @param callKinds the call kinds it is limited to (watches): {@code GRANT}, ...; empty: any
 * @param targetCallId the call a project aims at, or null
 */
public record Target(
        TargetKind kind,
        String id,
        String name,
        List<String> recipients,
        List<Facet> facets,
        List<String> places,
        List<String> programmes,
        List<String> callKinds,
        String targetCallId) {

    public Target {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        facets = facets == null ? List.of() : List.copyOf(facets);
        places = places == null ? List.of() : List.copyOf(places);
        programmes = programmes == null ? List.of() : List.copyOf(programmes);
        callKinds = callKinds == null ? List.of() : List.copyOf(callKinds);
        for (Facet facet : facets) {
            if (facet.kind().of != kind) {
                throw new IllegalArgumentException(
                        "a " + kind.code() + " has no " + facet.kind().code() + " labels");
            }
        }
    }

    /** The target's key in the index and in the list of a call's matches: {@code kind:id}. */
    public String key() {
        return key(kind, id);
    }

    public static String key(TargetKind kind, String id) {
        return kind.code() + ':' + id;
    }

    /** A label of a target: a competence, an interest, a keyword... */
    public record Facet(FacetKind kind, String label) {

        public Facet {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(label, "label");
        }
    }
}
