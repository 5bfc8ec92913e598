package coop.cluster.membership.directory.web;

import coop.cluster.membership.directory.Directory;
import coop.cluster.membership.member.domain.Profile;
import java.util.List;

/**
 * A member as the directory shows it to other active members: the public profile (no registration
 * number) with its contacts and thematic groups.
 *
 * @param score the relevance of the hit to the text searched, null without text
 */
record DirectoryEntryView(
        String id,
        String legalName,
        String country,
        String region,
        List<String> sectors,
        String organisationType,
        String sizeBand,
        List<String> competences,
        List<ResourceView> offeredResources,
        List<ContactView> contacts,
        String description,
        String website,
        List<GroupView> groups,
        Float score) {

    record ResourceView(String type, String description) {}

    record ContactView(String name, String role, String email, String phone) {}

    record GroupView(String id, String name) {}

    static DirectoryEntryView of(Directory.Listing listing) {
        Profile p = listing.member().profile();
        return new DirectoryEntryView(
                listing.member().id().value(),
                p.legalName(),
                p.country(),
                p.region(),
                p.sectors(),
                p.organisationType().name(),
                p.sizeBand().name(),
                p.competences(),
                p.offeredResources().stream()
                        .map(r -> new ResourceView(r.type().name(), r.description()))
                        .toList(),
                p.contacts().stream()
                        .map(c -> new ContactView(c.name(), c.role(), c.email(), c.phone()))
                        .toList(),
                p.description(),
                p.website(),
                listing.groups().stream().map(g -> new GroupView(g.id(), g.name())).toList(),
                listing.score());
    }
}
