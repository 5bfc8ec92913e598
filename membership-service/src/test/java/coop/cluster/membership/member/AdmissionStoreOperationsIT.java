package coop.cluster.membership.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.membership.MembershipApplication;
import coop.cluster.membership.member.domain.Member;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.member.domain.OrganisationType;
import coop.cluster.membership.member.domain.Profile;
import coop.cluster.membership.member.domain.SizeBand;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.security.TestIssuer;
import coop.cluster.testing.store.CountStoreCommands;
import coop.cluster.testing.store.StoreCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What an admission costs the store, counted by a driver command listener: a change decides on the
 * member as this process last wrote it, so an admission is one conditional write of the member
 * (with its event) plus its share of the outbox relay's batched read and clean-up — at most 1.5
 * commands on {@code members}, where a read before each write made it two and more. And the other
 * side of that bargain: a member changed behind the process's back (as another instance would) is
 * decided on as stored, never on the stale copy.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = {MembershipApplication.class, CountStoreCommands.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdmissionStoreOperationsIT {

    @Autowired StoreCommands commands;

    private static final String DATABASE = "membership_admission_ops_it";
    private static final String MANAGER =
            TestIssuer.shared().token("manon").roles("manager").sign();
    private static final MongoClient MONGO =
            MongoClients.create(EmbeddedInfra.shared().mongoUri(DATABASE));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri(DATABASE));
        TestIssuer.shared().register(registry);
    }

    @AfterAll
    static void close() {
        MONGO.close();
    }

    @LocalServerPort int port;

    @Autowired Members members;

    @Test
    void anAdmissionCostsTheMembersCollectionAtMostOneAndAHalfCommands() throws Exception {
        int admissions = 200;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < admissions; i++) {
            ids.add(members.apply(profile("Ops " + i), "applicant-" + i).id().value());
        }
        awaitRelayed();
        Map<String, Long> before = commands.snapshot();

        Api api = new Api(port);
        try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String id : ids) {
                answers.add(
                        clients.submit(
                                () ->
                                        api.post(
                                                        "/api/members/" + id + "/admit",
                                                        MANAGER,
                                                        "{\"reason\":\"complete file\"}")
                                                .status()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        }
        awaitRelayed();
        Map<String, Long> spent = commands.since(before);
        long onMembers =
                spent.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("members/"))
                        .mapToLong(Map.Entry::getValue)
                        .sum();
        System.out.printf(
                "members commands for %d admissions: %d (%.2f each): %s%n",
                admissions, onMembers, (double) onMembers / admissions, spent);
        assertThat(spent.getOrDefault("members/find", 0L))
                .as(
                        "reads of members besides the relay's (the directory's poll may read): none"
                                + " per admission")
                .isLessThan(admissions / 20);
        assertThat((double) onMembers / admissions)
                .as("members commands per admission, relay included")
                .isLessThanOrEqualTo(1.5);
        assertThat(
                        MONGO.getDatabase(DATABASE)
                                .getCollection("members")
                                .countDocuments(
                                        Filters.and(
                                                Filters.in("_id", ids),
                                                Filters.eq("status", "ACTIVE"))))
                .isEqualTo(admissions);
    }

    @Test
    void aMemberChangedBehindTheProcesssBackIsDecidedOnAsStored() {
        Member rejectedElsewhere = members.apply(profile("Elsewhere"), "applicant-x");
        Member touchedElsewhere = members.apply(profile("Touched"), "applicant-y");
        var collection = MONGO.getDatabase(DATABASE).getCollection("members");
        // another instance rejects the first and edits the second: versions move on, this process
        // is not told
        collection.updateOne(
                Filters.eq("_id", rejectedElsewhere.id().value()),
                Updates.combine(Updates.set("status", "REJECTED"), Updates.inc("version", 1)));
        collection.updateOne(
                Filters.eq("_id", touchedElsewhere.id().value()),
                Updates.combine(
                        Updates.set("description", "edited elsewhere"), Updates.inc("version", 1)));

        Api api = new Api(port);
        var refused =
                api.post(
                        "/api/members/" + rejectedElsewhere.id().value() + "/admit", MANAGER, null);
        assertThat(refused.status())
                .as("a rejected applicant is not admitted on a stale copy")
                .isEqualTo(409);
        assertThat(refused.body()).contains("\"status\":409");
        var admitted =
                api.post("/api/members/" + touchedElsewhere.id().value() + "/admit", MANAGER, null);
        assertThat(admitted.status())
                .as("a stale version is not a conflict of the client's")
                .isEqualTo(200);
        assertThat(admitted.raw().headers().firstValue("ETag")).hasValue("\"2\"");
        Document stored = collection.find(Filters.eq("_id", touchedElsewhere.id().value())).first();
        assertThat(stored.getString("status")).isEqualTo("ACTIVE");
        assertThat(stored.getString("description"))
                .as("the other instance's edit is kept")
                .isEqualTo("edited elsewhere");
        assertThat(
                        members.find(new MemberId(rejectedElsewhere.id().value()))
                                .orElseThrow()
                                .status()
                                .name())
                .isEqualTo("REJECTED");
    }

    private void awaitRelayed() {
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                MONGO.getDatabase(DATABASE)
                                                .getCollection("members")
                                                .countDocuments(Filters.exists("outbox.0"))
                                        == 0);
    }

    private static Profile profile(String name) {
        return new Profile(
                name,
                "OPS-" + UUID.randomUUID().toString().substring(0, 12),
                "FR",
                "FRK26",
                List.of("62.01"),
                OrganisationType.SME,
                SizeBand.SMALL,
                List.of("robotics"),
                List.of(),
                List.of(),
                "an organisation",
                null);
    }
}
