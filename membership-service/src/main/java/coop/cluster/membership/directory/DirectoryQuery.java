package coop.cluster.membership.directory;

import coop.cluster.membership.member.domain.OrganisationType;
import coop.cluster.membership.member.domain.ResourceType;
import java.util.List;
import java.util.Set;

/**
 * What a directory search asks for. Every list is a filter: a member matches it if it has any of
 * the values (an empty list does not filter); different filters must all match.
 *
 * @param text free text over names, descriptions, competences, resources and contacts; ranked
 *     (BM25)
 * @param competences competence tags, exactly as members wrote them (case aside)
 * @param sectors NACE codes, canonical ({@code J62.01}); a code matches itself and every code under
 *     it
 * @param regions NUTS codes or ISO country codes; a NUTS code matches itself and every region under
 *     it
 * @param resources kinds of resource offered
 * @param types organisation types
 * @param members only these member ids, when not null (a thematic group's roster)
 */
public record DirectoryQuery(
        String text,
        List<String> competences,
        List<String> sectors,
        List<String> regions,
        Set<ResourceType> resources,
        Set<OrganisationType> types,
        Set<String> members) {

    public DirectoryQuery {
        text = text == null || text.isBlank() ? null : text.strip();
        competences = competences == null ? List.of() : List.copyOf(competences);
        sectors = sectors == null ? List.of() : List.copyOf(sectors);
        regions = regions == null ? List.of() : List.copyOf(regions);
        resources = resources == null ? Set.of() : Set.copyOf(resources);
        types = types == null ? Set.of() : Set.copyOf(types);
        members = members == null ? null : Set.copyOf(members);
    }

    /** Every active member, by name. */
    public static DirectoryQuery everyone() {
        return text(null);
    }

    public static DirectoryQuery text(String text) {
        return new DirectoryQuery(text, null, null, null, null, null, null);
    }

    public DirectoryQuery withCompetences(String... values) {
        return new DirectoryQuery(
                text, List.of(values), sectors, regions, resources, types, members);
    }

    public DirectoryQuery withSectors(String... values) {
        return new DirectoryQuery(
                text, competences, List.of(values), regions, resources, types, members);
    }

    public DirectoryQuery withRegions(String... values) {
        return new DirectoryQuery(
                text, competences, sectors, List.of(values), resources, types, members);
    }

    public DirectoryQuery withResources(ResourceType... values) {
        return new DirectoryQuery(
                text, competences, sectors, regions, Set.of(values), types, members);
    }

    public DirectoryQuery withTypes(OrganisationType... values) {
        return new DirectoryQuery(
                text, competences, sectors, regions, resources, Set.of(values), members);
    }

    public DirectoryQuery withinMembers(Set<String> ids) {
        return new DirectoryQuery(text, competences, sectors, regions, resources, types, ids);
    }
}
