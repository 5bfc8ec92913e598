package coop.cluster.fundingwatch.profile.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import coop.cluster.fundingwatch.profile.GroupProfile;
import coop.cluster.fundingwatch.profile.MemberProfile;
import coop.cluster.fundingwatch.profile.ProjectProfile;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The read side of the matching view's stores: documents into profiles, and the queries they ask
 * the store.
 */
class ViewStoresTest {

    private static final Instant AT = Instant.parse("2026-05-01T08:00:00.123Z");

    private final MongoTemplate mongo = mock(MongoTemplate.class);
    private final IdempotentEffects effects = mock(IdempotentEffects.class);
    private final Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
    private final MemberProfileStore members = new MemberProfileStore(mongo, effects, clock);
    private final GroupProfileStore groups = new GroupProfileStore(mongo, effects, clock);
    private final ProjectProfileStore projects = new ProjectProfileStore(mongo, effects, clock);

    @Test
    void documentsBecomeProfiles() {
        Document member =
                new Document("_id", "m-1")
                        .append("status", "ACTIVE")
                        .append("legalName", "Coop")
                        .append("country", "FR")
                        .append("region", "FRK26")
                        .append("sectors", List.of("C16.23"))
                        .append("competences", Arrays.asList("CNC", null))
                        .append("description", "d")
                        .append("updatedAt", Date.from(AT))
                        .append("appliedEventIds", List.of("e-1"));
        Document group =
                new Document("_id", "g-1")
                        .append("members", List.of("m-1"))
                        .append("updatedAt", Date.from(AT));
        Document project =
                new Document("_id", "p-1")
                        .append("leaderId", "m-1")
                        .append("title", "T")
                        .append("description", "D")
                        .append("theme", "th")
                        .append("neededCompetences", List.of("c"))
                        .append("neededResources", List.of("EQUIPMENT: CNC"))
                        .append("targetCallId", "c-1")
                        .append("status", "FORMING")
                        .append("partners", List.of("m-1", "m-2"))
                        .append("updatedAt", Date.from(AT));

        assertThat(MemberProfileStore.toMember(member))
                .isEqualTo(
                        new MemberProfile(
                                "m-1",
                                "ACTIVE",
                                "Coop",
                                "FR",
                                "FRK26",
                                List.of("C16.23"),
                                List.of("CNC"),
                                "d",
                                AT));
        assertThat(GroupProfileStore.toGroup(group))
                .isEqualTo(new GroupProfile("g-1", null, null, List.of(), List.of("m-1"), AT));
        assertThat(ProjectProfileStore.toProject(project))
                .isEqualTo(
                        new ProjectProfile(
                                "p-1",
                                "m-1",
                                "T",
                                "D",
                                "th",
                                List.of("c"),
                                List.of("EQUIPMENT: CNC"),
                                "c-1",
                                "FORMING",
                                List.of("m-1", "m-2"),
                                AT));
    }

    @Test
    void changedSinceAsksForTheWritesFromThatTimeOldestFirstThenById() {
        when(mongo.find(
                        org.mockito.ArgumentMatchers.any(Query.class),
                        eq(Document.class),
                        eq("projects")))
                .thenReturn(List.of(new Document("_id", "p-1").append("updatedAt", Date.from(AT))));

        List<ProjectProfile> changed = projects.changedSince(AT, 50);

        ArgumentCaptor<Query> query = ArgumentCaptor.forClass(Query.class);
        verify(mongo).find(query.capture(), eq(Document.class), eq("projects"));
        assertThat(query.getValue().getQueryObject())
                .isEqualTo(new Document("updatedAt", new Document("$gte", Date.from(AT))));
        assertThat(query.getValue().getSortObject())
                .isEqualTo(new Document("updatedAt", 1).append("_id", 1));
        assertThat(query.getValue().getLimit()).isEqualTo(50);
        assertThat(changed).extracting(ProjectProfile::projectId).containsExactly("p-1");
    }

    @Test
    void theNextPageStartsAfterTheTimeAndIdOfTheLastOneRead() {
        members.changedSince(AT, "m-7", 10);

        ArgumentCaptor<Query> query = ArgumentCaptor.forClass(Query.class);
        verify(mongo).find(query.capture(), eq(Document.class), eq("member_profiles"));
        assertThat(query.getValue().getQueryObject())
                .isEqualTo(
                        new Document(
                                "$or",
                                List.of(
                                        new Document(
                                                "updatedAt", new Document("$gt", Date.from(AT))),
                                        new Document("updatedAt", Date.from(AT))
                                                .append("_id", new Document("$gt", "m-7")))));
        assertThat(query.getValue().getSortObject())
                .isEqualTo(new Document("updatedAt", 1).append("_id", 1));
        assertThat(query.getValue().getLimit()).isEqualTo(10);
    }

    @Test
    void aMembersGroupsAndProjectsAreThoseThatListIt() {
        groups.groupsOf("m-1");
        projects.projectsOf("m-1");

        ArgumentCaptor<Query> groupQuery = ArgumentCaptor.forClass(Query.class);
        ArgumentCaptor<Query> projectQuery = ArgumentCaptor.forClass(Query.class);
        verify(mongo).find(groupQuery.capture(), eq(Document.class), eq("groups"));
        verify(mongo).find(projectQuery.capture(), eq(Document.class), eq("projects"));
        assertThat(groupQuery.getValue().getQueryObject())
                .isEqualTo(new Document("members", "m-1"));
        assertThat(projectQuery.getValue().getQueryObject())
                .isEqualTo(new Document("partners", "m-1"));
        assertThat(groups.groupsOf(null)).isEmpty();
        assertThat(members.find(null)).isEmpty();
    }

    @Test
    void changedSinceNeedsATimeAndALimit() {
        assertThatThrownBy(() -> members.changedSince(AT, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> groups.changedSince(null, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachStoreEnsuresTheChangedIndexAndItsOwnAtStartUp() {
        IndexOperations memberIndexes = mock(IndexOperations.class);
        IndexOperations groupIndexes = mock(IndexOperations.class);
        IndexOperations projectIndexes = mock(IndexOperations.class);
        when(mongo.indexOps("member_profiles")).thenReturn(memberIndexes);
        when(mongo.indexOps("groups")).thenReturn(groupIndexes);
        when(mongo.indexOps("projects")).thenReturn(projectIndexes);

        members.afterPropertiesSet();
        groups.afterPropertiesSet();
        projects.afterPropertiesSet();

        assertThat(created(memberIndexes))
                .containsExactly(new Document("updatedAt", 1).append("_id", 1));
        assertThat(created(groupIndexes))
                .containsExactly(
                        new Document("updatedAt", 1).append("_id", 1), new Document("members", 1));
        assertThat(created(projectIndexes))
                .containsExactly(
                        new Document("updatedAt", 1).append("_id", 1), new Document("partners", 1));
    }

    private static List<Document> created(IndexOperations indexes) {
        ArgumentCaptor<IndexDefinition> index = ArgumentCaptor.forClass(IndexDefinition.class);
        verify(indexes, org.mockito.Mockito.atLeastOnce()).createIndex(index.capture());
        return index.getAllValues().stream().map(IndexDefinition::getIndexKeys).toList();
    }
}
