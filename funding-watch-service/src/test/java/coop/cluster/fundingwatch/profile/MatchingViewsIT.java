package coop.cluster.fundingwatch.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.fundingwatch.FundingWatchApplication;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.plumbing.consumer.EventConsumers;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.events.TopicRecords;
import coop.cluster.testing.security.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The matching view on the real broker and store, fed as membership-service and project-service
 * feed it: CloudEvents in binary mode on {@code membership.members}, {@code membership.groups} and
 * {@code project.projects}, keyed by the aggregate id. A member's admission, profile change,
 * suspension and reinstatement; the same event delivered twice, applied once; a group's interests
 * and members, also when its members are heard of before the group; a project's life from creation
 * to closing, with partners joining and leaving; a member's groups and projects; the changed-since
 * reads, in order and page by page; a member event without the member's status dead-lettered.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FundingWatchApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MatchingViewsIT {

    private static final String MEMBERS = "membership.members";
    private static final String GROUPS = "membership.groups";
    private static final String PROJECTS = "project.projects";
    private static final String MEMBER = "cluster.membership.member.";
    private static final String GROUP = "cluster.membership.group.";
    private static final String PROJECT = "cluster.project.project.";
    private static final String PARTNER = "cluster.project.partner.";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final String MEMBER_PROFILES_DLT = "funding-watch-service.member-profiles.dlt";
    private static final TopicRecords DEAD_LETTERS =
            new TopicRecords(EmbeddedInfra.shared().bootstrapServers());

    private static TopicEvents producer;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("funding_watch_matching_views_it"));
        TestIssuer.shared().register(registry);
    }

    @Autowired MatchingViews views;

    @Autowired MongoTemplate mongo;

    @Autowired MeterRegistry meters;

    @BeforeAll
    static void producer() {
        producer = new TopicEvents(EmbeddedInfra.shared().bootstrapServers());
    }

    @Test
    void aMemberIsAdmittedChangesItsProfileIsSuspendedAndReinstated() {
        String member = id("m");
        publish(
                MEMBERS,
                member,
                event(),
                MEMBER + "admitted.v1",
                """
                {"memberId":"%s","status":"ACTIVE","reason":"council vote","admittedAt":"%s",
                 "profile":{"legalName":"Atelier Bois SCOP","country":"FR","region":"FRK26","sectors":["C16.23"],
                 "organisationType":"COOPERATIVE",
                 "sizeBand":"SMALL","competences":["timber frames"],"offeredResources":[],
                 "description":"Timber for low-carbon buildings","website":"https://bois.example"}}\
                """
                        .formatted(member, Instant.now()));

        MemberProfile admitted = awaitMember(member, m -> m.isActive());
        assertThat(admitted)
                .usingRecursiveComparison()
                .ignoringFields("updatedAt")
                .isEqualTo(
                        new MemberProfile(
                                member,
                                "ACTIVE",
                                "Atelier Bois SCOP",
                                "FR",
                                "FRK26",
                                List.of("C16.23"),
                                List.of("timber frames"),
                                "Timber for low-carbon buildings",
                                null));
        assertThat(admitted.updatedAt()).isNotNull();

        publish(
                MEMBERS,
                member,
                event(),
                MEMBER + "profile-changed.v1",
                """
                {"memberId":"%s","status":"ACTIVE","changedAt":"%s","profile":{"legalName":"Atelier Bois",
                 "country":"FR","region":null,"sectors":["C16.23","F43.32"],"competences":["timber frames","CNC"],
                 "description":"Timber and joinery"}}\
                """
                        .formatted(member, Instant.now()));
        MemberProfile changed = awaitMember(member, m -> m.competences().contains("CNC"));
        assertThat(changed.legalName()).isEqualTo("Atelier Bois");
        assertThat(changed.region()).isNull();
        assertThat(changed.sectors()).containsExactly("C16.23", "F43.32");
        assertThat(changed.description()).isEqualTo("Timber and joinery");
        assertThat(changed.status()).isEqualTo("ACTIVE");
        assertThat(changed.updatedAt()).isAfter(admitted.updatedAt());

        publish(
                MEMBERS,
                member,
                event(),
                MEMBER + "suspended.v1",
                """
                {"memberId":"%s","status":"SUSPENDED","reason":"fees unpaid","cause":"fee-overdue",
                 "suspendedAt":"%s"}\
                """
                        .formatted(member, Instant.now()));
        MemberProfile suspended = awaitMember(member, m -> "SUSPENDED".equals(m.status()));
        assertThat(suspended)
                .usingRecursiveComparison()
                .ignoringFields("status", "updatedAt")
                .isEqualTo(changed);
        assertThat(suspended.isActive()).isFalse();

        publish(
                MEMBERS,
                member,
                event(),
                MEMBER + "reinstated.v1",
                """
                {"memberId":"%s","status":"ACTIVE","reason":"paid","reinstatedAt":"%s"}\
                """
                        .formatted(member, Instant.now()));
        assertThat(awaitMember(member, MemberProfile::isActive).competences())
                .containsExactly("timber frames", "CNC");
    }

    @Test
    void theSameEventDeliveredTwiceIsAppliedOnce() {
        String member = id("m");
        String admittedId = event();
        String admitted =
                """
                {"memberId":"%s","status":"ACTIVE","profile":{"legalName":"Coop Twice","country":"BE"}}\
                """
                        .formatted(member);
        String suspendedId = event();
        double applied = count("applied");
        double duplicates = count("duplicate");

        publish(MEMBERS, member, admittedId, MEMBER + "admitted.v1", admitted);
        publish(
                MEMBERS,
                member,
                suspendedId,
                MEMBER + "suspended.v1",
                """
                {"memberId":"%s","status":"SUSPENDED","reason":"manager","cause":"manager"}\
                """
                        .formatted(member));
        MemberProfile suspended = awaitMember(member, m -> "SUSPENDED".equals(m.status()));
        // the admission again, as after a consumer crashed before committing its offset
        publish(MEMBERS, member, admittedId, MEMBER + "admitted.v1", admitted);

        // counted as a duplicate (at least once: a rebalance could redeliver more), applied twice
        // in all
        await().atMost(WAIT).until(() -> count("duplicate") - duplicates >= 1);
        assertThat(count("applied") - applied).isEqualTo(2);
        assertThat(views.member(member)).hasValue(suspended);
        Document stored = mongo.findById(member, Document.class, "member_profiles");
        assertThat(stored.getList("appliedEventIds", String.class))
                .containsExactly(admittedId, suspendedId);
    }

    @Test
    void anEventWithoutTheMembersStatusIsDeadLetteredAndLeavesTheViewAsItWas() {
        String member = id("m");
        publish(
                MEMBERS,
                member,
                event(),
                MEMBER + "admitted.v1",
                """
                {"memberId":"%s","status":"ACTIVE","profile":{"legalName":"Coop Status","country":"BE"}}\
                """
                        .formatted(member));
        MemberProfile admitted = awaitMember(member, MemberProfile::isActive);

        // the status is read from the event, never derived from its type: a suspension without it
        // is poison
        String poison = event();
        publish(
                MEMBERS,
                member,
                poison,
                MEMBER + "suspended.v1",
                """
                {"memberId":"%s","reason":"manager","cause":"manager"}\
                """
                        .formatted(member));
        TopicRecords.Received dead =
                await().atMost(WAIT)
                        .until(
                                () ->
                                        DEAD_LETTERS.all(MEMBER_PROFILES_DLT).stream()
                                                .filter(
                                                        r ->
                                                                poison.equals(
                                                                        r.headers().get("ce_id")))
                                                .findFirst()
                                                .orElse(null),
                                Objects::nonNull);
        assertThat(dead.key()).isEqualTo(member);
        assertThat(dead.headers().get(EventConsumers.REASON_HEADER))
                .isEqualTo(
                        "PoisonEventException: Event "
                                + poison
                                + " ("
                                + MEMBER
                                + "suspended.v1) has no status");

        // the member's next event is applied as usual: the poison one changed nothing
        publish(
                MEMBERS,
                member,
                event(),
                MEMBER + "left.v1",
                """
                {"memberId":"%s","status":"LEFT","reason":"moved away"}\
                """
                        .formatted(member));
        MemberProfile left = awaitMember(member, m -> "LEFT".equals(m.status()));
        assertThat(left)
                .usingRecursiveComparison()
                .ignoringFields("status", "updatedAt")
                .isEqualTo(admitted);
        assertThat(
                        mongo.findById(member, Document.class, "member_profiles")
                                .getList("appliedEventIds", String.class))
                .doesNotContain(poison);
    }

    @Test
    void aGroupKeepsItsInterestsAndMembersWhateverTheOrderItIsHeardOfIn() {
        String group = id("g");
        String amina = id("m");
        String bruno = id("m");
        publish(
                GROUPS,
                group,
                event(),
                GROUP + "created.v1",
                """
                {"groupId":"%s","name":"Green building","description":"Low-carbon construction",
                 "interests":["timber","insulation"],"resolutionId":"r-1","createdAt":"%s"}\
                """
                        .formatted(group, Instant.now()));
        publish(
                GROUPS,
                group,
                event(),
                GROUP + "membership-changed.v1",
                joined(group, amina, "JOINED", 1));
        publish(
                GROUPS,
                group,
                event(),
                GROUP + "membership-changed.v1",
                joined(group, bruno, "JOINED", 2));
        publish(
                GROUPS,
                group,
                event(),
                GROUP + "membership-changed.v1",
                joined(group, amina, "LEFT", 1));

        GroupProfile green = awaitGroup(group, g -> g.members().equals(List.of(bruno)));
        assertThat(green)
                .usingRecursiveComparison()
                .ignoringFields("updatedAt")
                .isEqualTo(
                        new GroupProfile(
                                group,
                                "Green building",
                                "Low-carbon construction",
                                List.of("timber", "insulation"),
                                List.of(bruno),
                                null));
        assertThat(views.groupsOf(bruno)).extracting(GroupProfile::groupId).containsExactly(group);
        assertThat(views.groupsOf(amina)).isEmpty();

        // read from a later offset: the members are heard of before the group itself
        String late = id("g");
        publish(
                GROUPS,
                late,
                event(),
                GROUP + "membership-changed.v1",
                joined(late, amina, "JOINED", 1));
        GroupProfile unnamed = awaitGroup(late, g -> g.members().contains(amina));
        assertThat(unnamed.name()).isNull();
        assertThat(unnamed.interests()).isEmpty();
        publish(
                GROUPS,
                late,
                event(),
                GROUP + "created.v1",
                """
                {"groupId":"%s","name":"Hydrogen","description":"H2 valleys","interests":["hydrogen"]}\
                """
                        .formatted(late));
        GroupProfile named = awaitGroup(late, g -> "Hydrogen".equals(g.name()));
        assertThat(named.members()).containsExactly(amina);
        assertThat(named.interests()).containsExactly("hydrogen");
        assertThat(views.groupsOf(amina)).extracting(GroupProfile::groupId).containsExactly(late);

        // a departure heard of first leaves an empty group
        String left = id("g");
        publish(
                GROUPS,
                left,
                event(),
                GROUP + "membership-changed.v1",
                joined(left, bruno, "LEFT", 0));
        assertThat(awaitGroup(left, g -> true).members()).isEmpty();
        assertThat(views.groupsOf(bruno)).extracting(GroupProfile::groupId).containsExactly(group);
    }

    @Test
    void aProjectFromCreationToClosingWithItsPartners() {
        String project = id("p");
        String leader = id("m");
        String partner = id("m");
        publish(
                PROJECTS,
                project,
                event(),
                PROJECT + "created.v1",
                """
                {"projectId":"%s","leaderId":"%s","createdAt":"%s","project":%s}\
                """
                        .formatted(
                                project,
                                leader,
                                Instant.now(),
                                state("Timber school", "DRAFT", null, leader)));
        ProjectProfile created = awaitProject(project, p -> true);
        assertThat(created)
                .usingRecursiveComparison()
                .ignoringFields("updatedAt")
                .isEqualTo(
                        new ProjectProfile(
                                project,
                                leader,
                                "Timber school",
                                "A school built in timber",
                                "construction",
                                List.of("timber frames", "acoustics"),
                                List.of("EQUIPMENT: a CNC router", "PREMISES"),
                                "call-42",
                                "DRAFT",
                                List.of(leader),
                                null));
        assertThat(created.isForming()).isTrue();

        publish(
                PROJECTS,
                project,
                event(),
                PROJECT + "updated.v1",
                """
                {"projectId":"%s","leaderId":"%s","change":"opened","updatedAt":"%s","project":%s}\
                """
                        .formatted(
                                project,
                                leader,
                                Instant.now(),
                                state("Timber primary school", "FORMING", null, leader)));
        awaitProject(
                project,
                p -> "FORMING".equals(p.status()) && p.title().equals("Timber primary school"));

        publish(
                PROJECTS,
                project,
                event(),
                PARTNER + "joined.v1",
                """
                {"projectId":"%s","memberId":"%s","role":"partner","invitationId":"i-1","joinedAt":"%s"}\
                """
                        .formatted(project, partner, Instant.now()));
        assertThat(awaitProject(project, p -> p.partners().size() == 2).partners())
                .containsExactly(leader, partner);
        assertThat(views.projectsOf(partner))
                .extracting(ProjectProfile::projectId)
                .containsExactly(project);
        assertThat(views.projectsOf(leader))
                .extracting(ProjectProfile::projectId)
                .containsExactly(project);

        publish(
                PROJECTS,
                project,
                event(),
                PARTNER + "left.v1",
                """
                {"projectId":"%s","memberId":"%s","reason":"no time","leftAt":"%s"}\
                """
                        .formatted(project, partner, Instant.now()));
        assertThat(awaitProject(project, p -> p.partners().size() == 1).partners())
                .containsExactly(leader);
        assertThat(views.projectsOf(partner)).isEmpty();

        String agreement = event();
        publish(
                PROJECTS,
                project,
                agreement,
                "cluster.project.agreement.proposed.v1",
                """
                {"projectId":"%s","agreement":{"version":1,"currency":"EUR"},"proposedAt":"%s"}\
                """
                        .formatted(project, Instant.now()));
        publish(
                PROJECTS,
                project,
                event(),
                PROJECT + "closed.v1",
                """
                {"projectId":"%s","reason":"done","closedAt":"%s"}\
                """
                        .formatted(project, Instant.now()));
        ProjectProfile closed = awaitProject(project, p -> "CLOSED".equals(p.status()));
        assertThat(closed.isForming()).isFalse();
        assertThat(closed.title()).isEqualTo("Timber primary school");
        assertThat(
                        mongo.findById(project, Document.class, "projects")
                                .getList("appliedEventIds", String.class))
                .as("the agreement events are not read")
                .hasSize(5)
                .doesNotContain(agreement);

        String abandoned = id("p");
        publish(
                PROJECTS,
                abandoned,
                event(),
                PROJECT + "created.v1",
                """
                {"projectId":"%s","leaderId":"%s","project":%s}\
                """
                        .formatted(
                                abandoned,
                                partner,
                                state("Heat pumps", "FORMING", List.of(partner), partner)));
        publish(
                PROJECTS,
                abandoned,
                event(),
                PROJECT + "abandoned.v1",
                """
                {"projectId":"%s","reason":"no funding","abandonedBy":"%s"}\
                """
                        .formatted(abandoned, partner));
        awaitProject(abandoned, p -> "ABANDONED".equals(p.status()));
        assertThat(views.projectsOf(partner))
                .extracting(ProjectProfile::projectId)
                .containsExactly(abandoned);
    }

    @Test
    void changesAreReadInTheOrderTheyWereWrittenPageByPage() {
        // re-reading from the time of the last one read: every change, in the order of the writes
        Instant since = Instant.now();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String member = id("m");
            members.add(member);
            publish(
                    MEMBERS,
                    member,
                    event(),
                    MEMBER + "applied.v1",
                    """
                    {"memberId":"%s","status":"APPLIED","legalName":"Applicant %d","registrationNumber":"R%d",
                     "country":"FR","profile":{"legalName":"Applicant %d","country":"FR"}}\
                    """
                            .formatted(member, i, i, i));
            awaitMember(member, m -> "APPLIED".equals(m.status())); // one write after the other
        }
        String group = id("g");
        publish(
                GROUPS,
                group,
                event(),
                GROUP + "created.v1",
                """
                {"groupId":"%s","name":"Robotics","interests":["robots"]}\
                """
                        .formatted(group));
        awaitGroup(group, g -> true);
        String project = id("p");
        publish(
                PROJECTS,
                project,
                event(),
                PROJECT + "created.v1",
                """
                {"projectId":"%s","leaderId":"%s","project":%s}\
                """
                        .formatted(
                                project,
                                members.getFirst(),
                                state("Cobots", "DRAFT", null, members.getFirst())));
        awaitProject(project, p -> true);

        List<MemberProfile> firstPage = views.membersChangedSince(since, 2);
        assertThat(firstPage).hasSize(2);
        Map<String, MemberProfile> read =
                follow(
                        since,
                        2,
                        views::membersChangedSince,
                        MemberProfile::memberId,
                        MemberProfile::updatedAt);
        assertThat(read.keySet().stream().filter(members::contains).toList())
                .containsExactlyElementsOf(members);
        assertThat(read.get(members.get(3)).legalName()).isEqualTo("Applicant 3");
        Instant lastWrite = read.get(members.getLast()).updatedAt();
        assertThat(views.membersChangedSince(lastWrite, 10))
                .extracting(MemberProfile::memberId)
                .contains(members.getLast())
                .doesNotContainAnyElementsOf(members.subList(0, 4));

        // or exactly, by the time and id of the last one read: each document once, even one by one
        List<MemberProfile> exactly =
                keyset(
                        since,
                        1,
                        views::membersChangedSince,
                        MemberProfile::memberId,
                        MemberProfile::updatedAt);
        assertThat(exactly.stream().map(MemberProfile::memberId).filter(members::contains).toList())
                .containsExactlyElementsOf(members);
        assertThat(exactly).extracting(MemberProfile::memberId).doesNotHaveDuplicates();
        assertThat(exactly)
                .extracting(MemberProfile::memberId)
                .containsExactlyElementsOf(read.keySet());

        assertThat(
                        follow(
                                since,
                                2,
                                views::groupsChangedSince,
                                GroupProfile::groupId,
                                GroupProfile::updatedAt))
                .containsKey(group);
        assertThat(
                        keyset(
                                since,
                                1,
                                views::groupsChangedSince,
                                GroupProfile::groupId,
                                GroupProfile::updatedAt))
                .extracting(GroupProfile::groupId)
                .contains(group);
        assertThat(
                        follow(
                                since,
                                2,
                                views::projectsChangedSince,
                                ProjectProfile::projectId,
                                ProjectProfile::updatedAt))
                .containsKey(project);
        assertThat(
                        keyset(
                                since,
                                3,
                                views::projectsChangedSince,
                                ProjectProfile::projectId,
                                ProjectProfile::updatedAt))
                .extracting(ProjectProfile::projectId)
                .contains(project);
        Instant later = Instant.now().plusSeconds(60);
        assertThat(views.groupsChangedSince(later, 10)).isEmpty();
        assertThat(views.projectsChangedSince(later, 10)).isEmpty();
    }

    /**
     * Reads every change from {@code since} as a follower does: page after page, each from the last
     * time read, checking that each page is in write order then id order; the documents by id, in
     * the order first read.
     */
    private static <T> Map<String, T> follow(
            Instant since,
            int limit,
            BiFunction<Instant, Integer, List<T>> page,
            Function<T, String> id,
            Function<T, Instant> updatedAt) {
        Comparator<T> order = Comparator.comparing(updatedAt).thenComparing(id);
        Map<String, T> read = new LinkedHashMap<>();
        Instant from = since;
        for (int pages = 0; pages < 1_000; pages++) {
            List<T> batch = page.apply(from, limit);
            Instant earliest = from.truncatedTo(ChronoUnit.MILLIS);
            assertThat(batch)
                    .hasSizeLessThanOrEqualTo(limit)
                    .isSortedAccordingTo(order)
                    .allSatisfy(t -> assertThat(updatedAt.apply(t)).isAfterOrEqualTo(earliest));
            batch.forEach(t -> read.putIfAbsent(id.apply(t), t));
            if (batch.size() < limit) {
                return read;
            }
            Instant last = updatedAt.apply(batch.getLast());
            if (last.equals(from)
                    && batch.stream().allMatch(t -> updatedAt.apply(t).equals(last))) {
                throw new AssertionError(
                        "more than " + limit + " writes at " + last + ": a bigger page is needed");
            }
            from = last;
        }
        throw new AssertionError("no end of the changes after 1000 pages");
    }

    /** A follower paging exactly: each page after the time and id of the last document read. */
    private static <T> List<T> keyset(
            Instant since,
            int limit,
            KeysetPage<T> page,
            Function<T, String> id,
            Function<T, Instant> updatedAt) {
        Comparator<T> order = Comparator.comparing(updatedAt).thenComparing(id);
        List<T> read = new ArrayList<>(page.read(since, null, limit));
        for (int pages = 0; pages < 1_000; pages++) {
            if (read.isEmpty()) {
                return read;
            }
            T last = read.getLast();
            List<T> batch = page.read(updatedAt.apply(last), id.apply(last), limit);
            assertThat(batch)
                    .hasSizeLessThanOrEqualTo(limit)
                    .isSortedAccordingTo(order)
                    .allSatisfy(t -> assertThat(order.compare(t, last)).isPositive());
            if (batch.isEmpty()) {
                return read;
            }
            read.addAll(batch);
        }
        throw new AssertionError("no end of the changes after 1000 pages");
    }

    @FunctionalInterface
    private interface KeysetPage<T> {
        List<T> read(Instant since, String afterId, int limit);
    }

    private MemberProfile awaitMember(String memberId, Predicate<MemberProfile> condition) {
        return await().atMost(WAIT)
                .until(
                        () -> views.member(memberId).filter(condition).orElse(null),
                        Objects::nonNull);
    }

    private GroupProfile awaitGroup(String groupId, Predicate<GroupProfile> condition) {
        return await().atMost(WAIT)
                .until(() -> views.group(groupId).filter(condition).orElse(null), Objects::nonNull);
    }

    private ProjectProfile awaitProject(String projectId, Predicate<ProjectProfile> condition) {
        return await().atMost(WAIT)
                .until(
                        () -> views.project(projectId).filter(condition).orElse(null),
                        Objects::nonNull);
    }

    private double count(String outcome) {
        return meters.get("cluster.fundingwatch.profile.changes")
                .tags("view", "member", "outcome", outcome)
                .counter()
                .count();
    }

    private static String joined(String group, String member, String change, int count) {
        return """
        {"groupId":"%s","memberId":"%s","change":"%s","members":%d,"changedAt":"%s"}\
        """
                .formatted(group, member, change, count, Instant.now());
    }

    /**
     * A project's whole state as project-service publishes it; {@code partners} default to the
     * leader alone.
     */
    private static String state(String title, String status, List<String> partners, String leader) {
        List<String> all = partners == null ? List.of(leader) : partners;
        return """
        {"title":"%s","description":"A school built in timber","theme":"construction",
         "neededCompetences":["timber frames","acoustics"],
         "neededResources":[{"type":"EQUIPMENT","description":"a CNC router"},{"type":"PREMISES","description":null}],
         "targetCallId":"call-42","status":"%s","partners":[%s],"proposedLeader":null,
         "targetCallClosedAt":null}\
        """
                .formatted(
                        title,
                        status,
                        String.join(",", all.stream().map(p -> '"' + p + '"').toList()));
    }

    private static void publish(
            String topic, String key, String eventId, String type, String json) {
        producer.publish(topic, key, eventId, type, json);
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static String event() {
        return UUID.randomUUID().toString();
    }
}
