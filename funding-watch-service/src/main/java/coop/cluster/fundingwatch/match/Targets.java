package coop.cluster.fundingwatch.match;

import coop.cluster.fundingwatch.profile.GroupProfile;
import coop.cluster.fundingwatch.profile.MemberProfile;
import coop.cluster.fundingwatch.profile.ProjectProfile;
import coop.cluster.fundingwatch.watch.Watch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What each thing a call is matched against contributes: its labels, its conditions, and who hears
 * of a match. Empty when it takes no part in matching: a member that is not active, a group with no
 * members or no interests, a project that is not forming.
 */
public final class Targets {

    private Targets() {}

    /**
     * An active member: its competences and sectors; its country and region (with the region's NUTS
     * parents).
     */
    public static Optional<Target> of(MemberProfile member) {
        if (!member.isActive()) {
            return Optional.empty();
        }
        List<Target.Facet> facets = new ArrayList<>();
        member.competences().forEach(c -> facets.add(new Target.Facet(FacetKind.COMPETENCE, c)));
        SectorTitles.get()
                .of(member.sectors())
                .forEach(t -> facets.add(new Target.Facet(FacetKind.SECTOR, t)));
        return Optional.of(
                new Target(
                        TargetKind.MEMBER,
                        member.memberId(),
                        member.legalName(),
                        List.of(member.memberId()),
                        facets,
                        places(member.country(), member.region()),
                        List.of(),
                        List.of(),
                        null));
    }

    /** A group with members and interests. */
    public static Optional<Target> of(GroupProfile group) {
        if (group.members().isEmpty() || group.interests().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Target(
                        TargetKind.GROUP,
                        group.groupId(),
                        group.name(),
                        group.members(),
                        group.interests().stream()
                                .map(i -> new Target.Facet(FacetKind.INTEREST, i))
                                .toList(),
                        List.of(),
                        List.of(),
                        List.of(),
                        null));
    }

    /**
     * A draft or forming project: its theme, needed competences and target call; heard of by its
     * partners.
     */
    public static Optional<Target> of(ProjectProfile project) {
        if (!project.isForming()) {
            return Optional.empty();
        }
        List<Target.Facet> facets = new ArrayList<>();
        if (project.theme() != null && !project.theme().isBlank()) {
            facets.add(new Target.Facet(FacetKind.THEME, project.theme()));
        }
        project.neededCompetences().forEach(c -> facets.add(new Target.Facet(FacetKind.NEED, c)));
        List<String> recipients =
                !project.partners().isEmpty()
                        ? project.partners()
                        : project.leaderId() == null ? List.of() : List.of(project.leaderId());
        return Optional.of(
                new Target(
                        TargetKind.PROJECT,
                        project.projectId(),
                        project.title(),
                        recipients,
                        facets,
                        List.of(),
                        List.of(),
                        List.of(),
                        project.targetCallId()));
    }

    /** A saved watch: its keywords, programmes and kinds. */
    public static Target of(Watch watch) {
        return new Target(
                TargetKind.WATCH,
                watch.id(),
                watch.name(),
                List.of(watch.memberId()),
                watch.keywords().stream().map(k -> new Target.Facet(FacetKind.KEYWORD, k)).toList(),
                List.of(),
                watch.programmes().stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).toList(),
                watch.kinds().stream().map(Enum::name).toList(),
                null);
    }

    /** The country, and the region with its NUTS parents ({@code BE100}: BE1, BE10, BE100). */
    static List<String> places(String country, String region) {
        List<String> places = new ArrayList<>();
        if (country != null && !country.isBlank()) {
            places.add(country.strip().toUpperCase(Locale.ROOT));
        }
        if (region != null && region.strip().length() > 2) {
            String r = region.strip().toUpperCase(Locale.ROOT);
            for (int end = 3; end <= r.length(); end++) {
                places.add(r.substring(0, end));
            }
        }
        return places;
    }
}
