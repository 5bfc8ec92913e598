package coop.cluster.fundingwatch.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** The read side: documents into profiles, and the queries it asks the store. */
class MatchingViewsTest {

    private static final Instant AT = Instant.parse("2026-05-01T08:00:00.123Z");

    private final MongoTemplate mongo = mock(MongoTemplate.class);
    private final MatchingViews views = new MatchingViews(mongo);

    @Test
    void documentsBecomeProfiles() {
        Document member = new Document("_id", "m-1").append("status", "ACTIVE").append("legalName", "Coop")
                .append("country", "FR").append("region", "FRK26").append("sectors", List.of("C16.23"))
                .append("competences", Arrays.asList("CNC", null)).append("description", "d")
                .append("updatedAt", Date.from(AT)).append("appliedEventIds", List.of("e-1"));
        Document group = new Document("_id", "g-1").append("members", List.of("m-1")).append("updatedAt",
                Date.from(AT));
        Document project = new Document("_id", "p-1").append("leaderId", "m-1").append("title", "T")
                .append("description", "D").append("theme", "th").append("neededCompetences", List.of("c"))
                .append("neededResources", List.of("EQUIPMENT: CNC")).append("targetCallId", "c-1")
                .append("status", "FORMING").append("partners", List.of("m-1", "m-2"))
                .append("updatedAt", Date.from(AT));

        assertThat(MatchingViews.toMember(member)).isEqualTo(new MemberProfile("m-1", "ACTIVE", "Coop", "FR", "FRK26",
                List.of("C16.23"), List.of("CNC"), "d", AT));
        assertThat(MatchingViews.toGroup(group)).isEqualTo(new GroupProfile("g-1", null, null, List.of(),
                List.of("m-1"), AT));
        assertThat(MatchingViews.toProject(project)).isEqualTo(new ProjectProfile("p-1", "m-1", "T", "D", "th",
                List.of("c"), List.of("EQUIPMENT: CNC"), "c-1", "FORMING", List.of("m-1", "m-2"), AT));
    }

    @Test
    void changedSinceAsksForTheWritesFromThatTimeOldestFirstThenById() {
        when(mongo.find(org.mockito.ArgumentMatchers.any(Query.class), eq(Document.class), eq("projects")))
                .thenReturn(List.of(new Document("_id", "p-1").append("updatedAt", Date.from(AT))));

        List<ProjectProfile> changed = views.projectsChangedSince(AT, 50);

        ArgumentCaptor<Query> query = ArgumentCaptor.forClass(Query.class);
        verify(mongo).find(query.capture(), eq(Document.class), eq("projects"));
        assertThat(query.getValue().getQueryObject())
                .isEqualTo(new Document("updatedAt", new Document("$gte", Date.from(AT))));
        assertThat(query.getValue().getSortObject()).isEqualTo(new Document("updatedAt", 1).append("_id", 1));
        assertThat(query.getValue().getLimit()).isEqualTo(50);
        assertThat(changed).extracting(ProjectProfile::projectId).containsExactly("p-1");
    }

    @Test
    void theNextPageStartsAfterTheTimeAndIdOfTheLastOneRead() {
        views.membersChangedSince(AT, "m-7", 10);

        ArgumentCaptor<Query> query = ArgumentCaptor.forClass(Query.class);
        verify(mongo).find(query.capture(), eq(Document.class), eq("member_profiles"));
        assertThat(query.getValue().getQueryObject()).isEqualTo(new Document("$or", List.of(
                new Document("updatedAt", new Document("$gt", Date.from(AT))),
                new Document("updatedAt", Date.from(AT)).append("_id", new Document("$gt", "m-7")))));
        assertThat(query.getValue().getSortObject()).isEqualTo(new Document("updatedAt", 1).append("_id", 1));
        assertThat(query.getValue().getLimit()).isEqualTo(10);
    }

    @Test
    void aMembersGroupsAndProjectsAreThoseThatListIt() {
        views.groupsOf("m-1");
        views.projectsOf("m-1");

        ArgumentCaptor<Query> groups = ArgumentCaptor.forClass(Query.class);
        ArgumentCaptor<Query> projects = ArgumentCaptor.forClass(Query.class);
        verify(mongo).find(groups.capture(), eq(Document.class), eq("groups"));
        verify(mongo).find(projects.capture(), eq(Document.class), eq("projects"));
        assertThat(groups.getValue().getQueryObject()).isEqualTo(new Document("members", "m-1"));
        assertThat(projects.getValue().getQueryObject()).isEqualTo(new Document("partners", "m-1"));
        assertThat(views.groupsOf(null)).isEmpty();
        assertThat(views.member(null)).isEmpty();
    }

    @Test
    void changedSinceNeedsATimeAndALimit() {
        assertThatThrownBy(() -> views.membersChangedSince(AT, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> views.groupsChangedSince(null, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
