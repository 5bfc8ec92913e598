package coop.cluster.membership.directory;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.membership.member.domain.ContactPerson;
import coop.cluster.membership.member.domain.Member;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.member.domain.OfferedResource;
import coop.cluster.membership.member.domain.OrganisationType;
import coop.cluster.membership.member.domain.Profile;
import coop.cluster.membership.member.domain.ResourceType;
import coop.cluster.membership.member.domain.SizeBand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirectoryIndexTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    private DirectoryIndex index;

    private final Member delta =
            active(
                    "Delta Robotique",
                    "FR",
                    "FRK26",
                    List.of("28.4", "62.01"),
                    OrganisationType.SME,
                    List.of("robotics", "mechatronics"),
                    List.of(new OfferedResource(ResourceType.EQUIPMENT, "6-axis robot test cell")),
                    List.of(new ContactPerson("Léa Martin", "CEO", "lea@example.org", null)),
                    "Cellules robotisées pour l'usinage");
    private final Member atelier =
            active(
                    "Atelier Mecatronique du Rhône",
                    "FR",
                    "FRK24",
                    List.of("28.99"),
                    OrganisationType.SME,
                    List.of("mechatronics"),
                    List.of(
                            new OfferedResource(
                                    ResourceType.PREMISES, "Workshop of 400 m² with a crane")),
                    List.of(new ContactPerson("Paul Girard", "Workshop manager", null, null)),
                    "Prototypes, small series, and a robot or two");
    private final Member lab =
            active(
                    "Institut Numérique de Liège",
                    "BE",
                    "BE33",
                    List.of("72.19"),
                    OrganisationType.RESEARCH,
                    List.of("machine learning", "computer vision"),
                    List.of(
                            new OfferedResource(
                                    ResourceType.EXPERTISE, "Vision for robotic picking")),
                    List.of(),
                    "Applied research in AI");
    private final Member casa =
            active(
                    "Maroc Numeric Services",
                    "MA",
                    null,
                    List.of("J62.02"),
                    OrganisationType.ASSOCIATION,
                    List.of("software"),
                    List.of(new OfferedResource(ResourceType.SERVICES, "Cloud hosting")),
                    List.of(new ContactPerson("Amina Benali", "Director", null, null)),
                    "Digital services in Casablanca");

    @BeforeEach
    void open() {
        index = new DirectoryIndex();
        index.apply(List.of(delta, atelier, lab, casa));
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    @Test
    void aMatchInTheNameRanksFirst() {
        // "robot" is in Delta's name (Robotique), competences, resource; in the atelier's
        // description; in the lab's
        // resource. The name match wins.
        assertThat(names(DirectoryQuery.text("robotique"))).first().isEqualTo("Delta Robotique");
        assertThat(names(DirectoryQuery.text("numeric")))
                .first()
                .isEqualTo("Maroc Numeric Services");
        assertThat(index.search(DirectoryQuery.text("robotique"), 0, 10).hits())
                .allMatch(h -> h.score() > 0);
    }

    @Test
    void stemmingJoinsWordsOfOneFamilyInEnglishAndFrench() {
        assertThat(names(DirectoryQuery.text("robots")))
                .containsExactlyInAnyOrder(
                        "Delta Robotique",
                        "Atelier Mecatronique du Rhône",
                        "Institut Numérique de Liège");
        assertThat(names(DirectoryQuery.text("prototype")))
                .containsExactly("Atelier Mecatronique du Rhône");
        assertThat(names(DirectoryQuery.text("cellule"))).containsExactly("Delta Robotique");
        assertThat(names(DirectoryQuery.text("workshops")))
                .containsExactly("Atelier Mecatronique du Rhône");
    }

    @Test
    void caseAccentsAndElisionsAreFolded() {
        assertThat(names(DirectoryQuery.text("mécatronique")))
                .containsExactly("Atelier Mecatronique du Rhône");
        assertThat(names(DirectoryQuery.text("NUMERIQUE"))).contains("Institut Numérique de Liège");
        assertThat(names(DirectoryQuery.text("usinage"))).containsExactly("Delta Robotique");
        assertThat(names(DirectoryQuery.text("rhone")))
                .containsExactly("Atelier Mecatronique du Rhône");
    }

    @Test
    void contactsAndDescriptionsAreSearched() {
        assertThat(names(DirectoryQuery.text("martin"))).containsExactly("Delta Robotique");
        assertThat(names(DirectoryQuery.text("director")))
                .containsExactly("Maroc Numeric Services");
        assertThat(names(DirectoryQuery.text("casablanca")))
                .containsExactly("Maroc Numeric Services");
    }

    @Test
    void stopWordsAreIgnoredAndManyWordsNeedMostToMatch() {
        assertThat(names(DirectoryQuery.text("the robot"))).hasSize(3);
        assertThat(names(DirectoryQuery.text("le la les")))
                .hasSize(4)
                .as("no word left: everyone by name");
        assertThat(names(DirectoryQuery.text("robot workshop")))
                .containsExactly("Atelier Mecatronique du Rhône");
        assertThat(names(DirectoryQuery.text("robot workshop crane")))
                .first()
                .isEqualTo("Atelier Mecatronique du Rhône");
        assertThat(names(DirectoryQuery.text("zeppelin"))).isEmpty();
    }

    @Test
    void withoutTextEveryoneIsListedByName() {
        assertThat(names(DirectoryQuery.everyone()))
                .containsExactly(
                        "Atelier Mecatronique du Rhône",
                        "Delta Robotique",
                        "Institut Numérique de Liège",
                        "Maroc Numeric Services");
        assertThat(index.search(DirectoryQuery.everyone(), 0, 10).hits())
                .allMatch(h -> h.score() == null);
    }

    @Test
    void competenceFilterMatchesTheTagIgnoringCase() {
        assertThat(names(DirectoryQuery.everyone().withCompetences("Mechatronics")))
                .containsExactly("Atelier Mecatronique du Rhône", "Delta Robotique");
        assertThat(names(DirectoryQuery.everyone().withCompetences("machine learning")))
                .containsExactly("Institut Numérique de Liège");
        assertThat(names(DirectoryQuery.everyone().withCompetences("machine"))).isEmpty();
        assertThat(names(DirectoryQuery.everyone().withCompetences("software", "robotics")))
                .as("any of the values")
                .containsExactly("Delta Robotique", "Maroc Numeric Services");
    }

    @Test
    void sectorFilterMatchesTheCodeAndEveryCodeUnderIt() {
        assertThat(names(DirectoryQuery.everyone().withSectors("J62.01")))
                .containsExactly("Delta Robotique");
        assertThat(names(DirectoryQuery.everyone().withSectors("62.01")))
                .containsExactly("Delta Robotique");
        assertThat(names(DirectoryQuery.everyone().withSectors("J62")))
                .containsExactly("Delta Robotique", "Maroc Numeric Services");
        assertThat(names(DirectoryQuery.everyone().withSectors("62")))
                .containsExactly("Delta Robotique", "Maroc Numeric Services");
        assertThat(names(DirectoryQuery.everyone().withSectors("C")))
                .containsExactly("Atelier Mecatronique du Rhône", "Delta Robotique");
        assertThat(names(DirectoryQuery.everyone().withSectors("28.9")))
                .containsExactly("Atelier Mecatronique du Rhône");
        assertThat(names(DirectoryQuery.everyone().withSectors("J62.09"))).isEmpty();
    }

    @Test
    void regionFilterMatchesNutsPrefixesAndCountries() {
        assertThat(names(DirectoryQuery.everyone().withRegions("FRK26")))
                .containsExactly("Delta Robotique");
        assertThat(names(DirectoryQuery.everyone().withRegions("FRK")))
                .containsExactly("Atelier Mecatronique du Rhône", "Delta Robotique");
        assertThat(names(DirectoryQuery.everyone().withRegions("fr")))
                .containsExactly("Atelier Mecatronique du Rhône", "Delta Robotique");
        assertThat(names(DirectoryQuery.everyone().withRegions("MA")))
                .as("a country without NUTS regions")
                .containsExactly("Maroc Numeric Services");
        assertThat(names(DirectoryQuery.everyone().withRegions("BE3", "MA")))
                .containsExactly("Institut Numérique de Liège", "Maroc Numeric Services");
        assertThat(names(DirectoryQuery.everyone().withRegions("FRL"))).isEmpty();
    }

    @Test
    void resourceTypeAndGroupFilters() {
        assertThat(names(DirectoryQuery.everyone().withResources(ResourceType.PREMISES)))
                .containsExactly("Atelier Mecatronique du Rhône");
        assertThat(
                        names(
                                DirectoryQuery.everyone()
                                        .withResources(
                                                ResourceType.EXPERTISE, ResourceType.SERVICES)))
                .containsExactly("Institut Numérique de Liège", "Maroc Numeric Services");
        assertThat(names(DirectoryQuery.everyone().withTypes(OrganisationType.RESEARCH)))
                .containsExactly("Institut Numérique de Liège");
        assertThat(
                        names(
                                DirectoryQuery.everyone()
                                        .withinMembers(
                                                Set.of(delta.id().value(), lab.id().value()))))
                .containsExactly("Delta Robotique", "Institut Numérique de Liège");
        assertThat(names(DirectoryQuery.everyone().withinMembers(Set.of()))).isEmpty();
    }

    @Test
    void filtersCombineWithTextAndWithEachOther() {
        assertThat(
                        names(
                                DirectoryQuery.text("robot")
                                        .withRegions("FR")
                                        .withTypes(OrganisationType.SME)
                                        .withResources(ResourceType.EQUIPMENT)))
                .containsExactly("Delta Robotique");
        assertThat(names(DirectoryQuery.text("robot").withRegions("BE")))
                .containsExactly("Institut Numérique de Liège");
        assertThat(names(DirectoryQuery.everyone().withSectors("C").withCompetences("robotics")))
                .containsExactly("Delta Robotique");
    }

    @Test
    void membersThatAreNoLongerActiveLeaveTheDirectory() {
        Member suspended = delta.suspend("fees unpaid", T0.plusSeconds(60));
        DirectoryIndex.Applied applied = index.apply(List.of(suspended));
        assertThat(applied.removed()).isEqualTo(1);
        assertThat(names(DirectoryQuery.text("robotique"))).doesNotContain("Delta Robotique");
        assertThat(index.size()).isEqualTo(3);

        Member applicant =
                Member.apply(
                        MemberId.newId(),
                        profile(
                                "Applicant Robotics",
                                "FR",
                                null,
                                List.of(),
                                OrganisationType.SME,
                                List.of(),
                                List.of(),
                                List.of(),
                                null),
                        T0);
        assertThat(index.apply(List.of(applicant)).changed()).isZero();
        assertThat(names(DirectoryQuery.text("applicant"))).isEmpty();

        index.apply(List.of(suspended.reinstate(null, T0.plusSeconds(120))));
        assertThat(names(DirectoryQuery.text("robotique"))).first().isEqualTo("Delta Robotique");
    }

    @Test
    void reIndexingIsIdempotentAndAProfileChangeReplacesTheDocument() {
        assertThat(index.apply(List.of(delta, atelier, lab, casa)))
                .isEqualTo(new DirectoryIndex.Applied(0, 0, 4));
        Member renamed =
                delta.withProfile(
                        Profile.of(
                                "Delta Cobots",
                                delta.profile().registrationNumber(),
                                "FR",
                                "FRK26",
                                List.of("28.4"),
                                OrganisationType.SME,
                                SizeBand.SMALL,
                                List.of("cobots"),
                                List.of(),
                                List.of(),
                                null,
                                null));
        assertThat(index.apply(List.of(renamed, renamed)).upserted()).isEqualTo(1);
        assertThat(index.size()).isEqualTo(4);
        assertThat(names(DirectoryQuery.everyone()))
                .contains("Delta Cobots")
                .doesNotContain("Delta Robotique");
        assertThat(names(DirectoryQuery.everyone().withSectors("J62")))
                .containsExactly("Maroc Numeric Services");
        assertThat(index.search(DirectoryQuery.everyone(), 0, 10).total()).isEqualTo(4);
    }

    @Test
    void anOlderVersionHeardLateNeverReplacesANewerOne() {
        Member v5 = versioned(delta.suspend("fees unpaid", T0.plusSeconds(60)), 5);
        Member v4 = versioned(delta, 4);
        assertThat(index.apply(List.of(v5)).removed()).isEqualTo(1);
        assertThat(index.apply(List.of(v4)).changed())
                .as("the active state is older than the suspension")
                .isZero();
        assertThat(names(DirectoryQuery.text("robotique"))).doesNotContain("Delta Robotique");
        assertThat(
                        index.apply(List.of(versioned(v5.reinstate(null, T0.plusSeconds(90)), 6)))
                                .upserted())
                .isEqualTo(1);
        assertThat(names(DirectoryQuery.text("robotique"))).first().isEqualTo("Delta Robotique");
    }

    private static Member versioned(Member m, long version) {
        return new Member(
                m.id(),
                m.profile(),
                m.status(),
                m.appliedAt(),
                m.admittedAt(),
                m.statusChangedAt(),
                m.statusReason(),
                m.delegate(),
                m.nominee(),
                m.feeSuspensions(),
                m.listedPublicly(),
                version);
    }

    @Test
    void pagesFollowTheOrderAndTheTotalCountsEveryMatch() {
        List<Member> many = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            many.add(
                    active(
                            "Member %02d".formatted(i),
                            "FR",
                            "FRK2" + (i % 9 + 1),
                            List.of("62.01"),
                            OrganisationType.SME,
                            List.of("software"),
                            List.of(),
                            List.of(),
                            null));
        }
        index.apply(many);
        DirectoryQuery software =
                DirectoryQuery.everyone().withCompetences("software").withRegions("FRK");
        DirectoryIndex.Result first = index.search(software, 0, 20);
        DirectoryIndex.Result third = index.search(software, 2, 20);
        DirectoryIndex.Result beyond = index.search(software, 3, 20);
        assertThat(first.total()).isEqualTo(45);
        assertThat(first.hits()).hasSize(20);
        assertThat(first.hits().getFirst().member().profile().legalName()).isEqualTo("Member 00");
        assertThat(third.hits())
                .extracting(h -> h.member().profile().legalName())
                .containsExactly("Member 40", "Member 41", "Member 42", "Member 43", "Member 44");
        assertThat(beyond.hits()).isEmpty();
        assertThat(beyond.total()).isEqualTo(45);
    }

    private List<String> names(DirectoryQuery query) {
        return index.search(query, 0, 100).hits().stream()
                .map(h -> h.member().profile().legalName())
                .toList();
    }

    static Member active(
            String name,
            String country,
            String region,
            List<String> sectors,
            OrganisationType type,
            List<String> competences,
            List<OfferedResource> resources,
            List<ContactPerson> contacts,
            String description) {
        Member applied =
                Member.apply(
                        MemberId.newId(),
                        profile(
                                name,
                                country,
                                region,
                                sectors,
                                type,
                                competences,
                                resources,
                                contacts,
                                description),
                        T0);
        return applied.admit(null, T0);
    }

    static Profile profile(
            String name,
            String country,
            String region,
            List<String> sectors,
            OrganisationType type,
            List<String> competences,
            List<OfferedResource> resources,
            List<ContactPerson> contacts,
            String description) {
        return Profile.of(
                name,
                "REG-" + name.hashCode(),
                country,
                region,
                sectors,
                type,
                SizeBand.SMALL,
                competences,
                resources,
                contacts,
                description,
                null);
    }
}
