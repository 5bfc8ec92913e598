package coop.cluster.fundingwatch.profile;

import static coop.cluster.fundingwatch.profile.Events.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.verifyNoInteractions;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.PoisonEventException;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** How project-service's project events become writes of {@code projects}. */
class ProjectNeedsTest {

    private static final String CREATED = "cluster.project.project.created.v1";

    private final ViewWriterFixture fixture = new ViewWriterFixture();
    private final ProjectNeeds projects = new ProjectNeeds(fixture.writer, fixture.projects);

    private static ProjectEvents.State state(
            List<ProjectEvents.NeededResource> resources, List<String> partners) {
        return new ProjectEvents.State(
                "Timber school",
                "A school in timber",
                "construction",
                List.of("timber frames"),
                resources,
                "call-1",
                "FORMING",
                partners);
    }

    @Test
    void theSubscriptionReadsTheProjectsTopicUnderItsOwnName() {
        EventSubscription subscription = projects.projectNeedsSubscription();

        assertThat(subscription.name()).isEqualTo("project-needs");
        assertThat(subscription.topics()).containsExactly("project.projects");
    }

    @Test
    void aResourceIsItsTypeAndDescriptionOrWhicheverItHas() {
        assertThat(ProjectNeeds.resource("EQUIPMENT", "a CNC router"))
                .isEqualTo("EQUIPMENT: a CNC router");
        assertThat(ProjectNeeds.resource("EQUIPMENT", null)).isEqualTo("EQUIPMENT");
        assertThat(ProjectNeeds.resource("EQUIPMENT", "  ")).isEqualTo("EQUIPMENT");
        assertThat(ProjectNeeds.resource(" LAB ", " clean room ")).isEqualTo("LAB: clean room");
        assertThat(ProjectNeeds.resource(null, "a clean room")).isEqualTo("a clean room");
        assertThat(ProjectNeeds.resource("", null)).isNull();
    }

    @Test
    void aCreatedProjectWritesItsWholeState() {
        var resources =
                Arrays.asList(
                        new ProjectEvents.NeededResource("EQUIPMENT", "a CNC router"),
                        new ProjectEvents.NeededResource("PREMISES", null),
                        null,
                        new ProjectEvents.NeededResource(null, null));
        var event =
                received(
                        CREATED,
                        new ProjectEvents.Changed(
                                "p-1", "m-lead", state(resources, List.of("m-lead", "m-2"))));

        projects.changed(event);

        Document set =
                fixture.update(ViewKind.PROJECT, "p-1", event.id()).get("$set", Document.class);
        assertThat(set)
                .containsEntry("leaderId", "m-lead")
                .containsEntry("title", "Timber school")
                .containsEntry("description", "A school in timber")
                .containsEntry("theme", "construction")
                .containsEntry("neededCompetences", List.of("timber frames"))
                .containsEntry("neededResources", List.of("EQUIPMENT: a CNC router", "PREMISES"))
                .containsEntry("targetCallId", "call-1")
                .containsEntry("status", "FORMING")
                .containsEntry("partners", List.of("m-lead", "m-2"))
                .containsKey("updatedAt");
        assertThat(fixture.count(ViewKind.PROJECT, "applied")).isEqualTo(1);
    }

    @Test
    void theLeaderIsAmongThePartnersAndKeptWhenAnUpdateNamesNone() {
        assertThat(ProjectNeeds.partners("m-lead", List.of("m-2")))
                .containsExactly("m-lead", "m-2");
        assertThat(ProjectNeeds.partners("m-lead", null)).containsExactly("m-lead");
        assertThat(ProjectNeeds.partners(null, List.of("m-2", "m-2"))).containsExactly("m-2");

        var noLeader =
                received(
                        "cluster.project.project.updated.v1",
                        new ProjectEvents.Changed("p-1", null, state(null, null)));
        projects.changed(noLeader);
        Document set =
                fixture.update(ViewKind.PROJECT, "p-1", noLeader.id()).get("$set", Document.class);
        assertThat(set)
                .doesNotContainKey("leaderId")
                .containsEntry("neededResources", List.of())
                .containsEntry("partners", List.of());
    }

    @Test
    void closedAndAbandonedSetTheStatus() {
        var closed = received("cluster.project.project.closed.v1", new ProjectEvents.Ended("p-1"));
        var abandoned =
                received("cluster.project.project.abandoned.v1", new ProjectEvents.Ended("p-2"));

        projects.ended(closed, "CLOSED");
        projects.ended(abandoned, "ABANDONED");

        assertThat(fixture.update(ViewKind.PROJECT, "p-1", closed.id()).get("$set", Document.class))
                .containsOnlyKeys("status", "updatedAt")
                .containsEntry("status", "CLOSED");
        assertThat(
                        fixture.update(ViewKind.PROJECT, "p-2", abandoned.id())
                                .get("$set", Document.class))
                .containsEntry("status", "ABANDONED");
    }

    @Test
    void aPartnerWhoJoinsIsAddedAndOneWhoLeavesIsPulled() {
        var joined =
                received(
                        "cluster.project.partner.joined.v1",
                        new ProjectEvents.PartnerChange("p-1", "m-3"));
        var left =
                received(
                        "cluster.project.partner.left.v1",
                        new ProjectEvents.PartnerChange("p-1", "m-2"));

        projects.partner(joined, true);
        projects.partner(left, false);

        assertThat(
                        fixture.update(ViewKind.PROJECT, "p-1", joined.id())
                                .get("$addToSet", Document.class))
                .containsEntry("partners", "m-3");
        assertThat(fixture.update(ViewKind.PROJECT, "p-1", left.id()).get("$pull", Document.class))
                .containsEntry("partners", "m-2");
    }

    @Test
    void aChangeWithoutItsProjectOrIdIsPoison() {
        var noState = received(CREATED, new ProjectEvents.Changed("p-1", "m-lead", null));
        var noId = received(CREATED, new ProjectEvents.Changed(null, "m-lead", state(null, null)));
        var noPartner =
                received(
                        "cluster.project.partner.joined.v1",
                        new ProjectEvents.PartnerChange("p-1", null));

        assertThatThrownBy(() -> projects.changed(noState))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("no project");
        assertThatThrownBy(() -> projects.changed(noId))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("projectId");
        assertThatThrownBy(() -> projects.partner(noPartner, true))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("memberId");
        verifyNoInteractions(fixture.effects);
    }
}
