package coop.cluster.faults;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

/**
 * The chaos run's verdict, from what the services stored (read in their own databases, over the
 * wire) and what the topics hold (read by an {@link EventTally} started before the first
 * operation), never from logs or answers:
 *
 * <ul>
 *   <li><b>lost</b>: an acknowledged operation whose effect is not stored (a member, an admission,
 *       a journal entry, a call, a project, an invitation or its answer), or whose event was never
 *       published, or whose consumers' effect is missing (finance's member account, funding-watch's
 *       profile, project-service's member view);
 *   <li><b>doubled</b>: anything stored twice for one operation, acknowledged or not (two members
 *       for a registration, two journal entries for a key, two projects for a title, two
 *       invitations of a member to a project), or published under two event ids (one event id read
 *       twice is the relay's allowed re-send, counted apart);
 *   <li>the ledger: trial balance zero in every currency, and every period's seal verifies;
 *   <li>consumer lag: every active consumer group of the platform back at 0 within the limit after
 *       the last restart and the last operation.
 * </ul>
 */
final class ChaosChecks {

    static final List<String> TOPICS =
            List.of(
                    "membership.members",
                    "finance.ledger",
                    "fundingwatch.calls",
                    "fundingwatch.opportunities",
                    "project.projects",
                    "project.invitations");
    static final String APPLIED = "cluster.membership.member.applied.v1";
    static final String ADMITTED = "cluster.membership.member.admitted.v1";
    static final String POSTED = "cluster.finance.ledger.entry-posted.v1";
    static final String PUBLISHED = "cluster.fundingwatch.call.published.v1";
    static final String MATCHED = "cluster.fundingwatch.opportunity.matched.v1";
    static final String CREATED = "cluster.project.project.created.v1";
    static final String SENT = "cluster.project.invitation.sent.v1";
    static final String ACCEPTED = "cluster.project.invitation.accepted.v1";
    static final String DECLINED = "cluster.project.invitation.declined.v1";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    /** The run's figures and verdict; {@link #report()} ends with the one summary line. */
    record Result(
            int operations,
            double loadSeconds,
            Map<String, Integer> byKind,
            int acknowledged,
            int unanswered,
            int refused,
            int replayed,
            int verifiedByReading,
            int clientRetries,
            Map<Integer, Integer> retriedStatuses,
            int transportErrors,
            List<ChaosRun.Kill> kills,
            Map<String, Integer> checked,
            int lost,
            int doubled,
            int resent,
            double lagZeroSeconds,
            boolean balanced,
            boolean sealsVerify,
            List<String> problems) {

        boolean passed() {
            return problems.isEmpty();
        }

        String report() {
            StringBuilder out = new StringBuilder();
            out.append(
                    String.format(
                            Locale.ROOT,
                            "Operations %d in %.0f s (%.0f/s): %s%n",
                            operations,
                            loadSeconds,
                            operations / loadSeconds,
                            byKind));
            out.append(
                    String.format(
                            Locale.ROOT,
                            "Acknowledged %d (replayed under their key %d, found done on a retry"
                                    + " %d), unanswered %d, refused %d; requests sent again %d %s,"
                                    + " transport errors %d%n",
                            acknowledged,
                            replayed,
                            verifiedByReading,
                            unanswered,
                            refused,
                            clientRetries,
                            retriedStatuses,
                            transportErrors));
            for (ChaosRun.Kill kill : kills) {
                out.append(
                        String.format(
                                Locale.ROOT,
                                "Killed %-22s after %6d operations: down %.1f s, answering "
                                        + "%.1f s after its restart%n",
                                kill.process(),
                                kill.afterOperations(),
                                kill.downSeconds(),
                                kill.upAfterRestartSeconds()));
            }
            out.append("Checked in the stores and topics: ")
                    .append(checked)
                    .append(System.lineSeparator());
            out.append(
                    String.format(
                            Locale.ROOT,
                            "Trial balance zero %s, seals verify %s, event records read twice "
                                    + "under one id (relay re-sends) %d%n",
                            balanced,
                            sealsVerify,
                            resent));
            problems.stream()
                    .limit(30)
                    .forEach(
                            p ->
                                    out.append("  problem: ")
                                            .append(p)
                                            .append(System.lineSeparator()));
            out.append(
                    String.format(
                            Locale.ROOT,
                            "CHAOS %s: operations %d, kills %s, acknowledged %d, lost %d, "
                                    + "doubled %d, lag 0 after %.1f s",
                            passed() ? "PASSED" : "FAILED",
                            operations,
                            ChaosRun.killsPerProcess(kills),
                            acknowledged,
                            lost,
                            doubled,
                            lagZeroSeconds));
            return out.toString();
        }
    }

    private final ChaosRun.Options options;
    private final String run;
    private final ChaosRun.Ledger ledger;
    private final EventTally events;
    private final ChaosClient client;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Integer> checked = new LinkedHashMap<>();
    private int lost;
    private int doubled;
    private int resent;

    ChaosChecks(
            ChaosRun.Options options,
            String run,
            ChaosRun.Ledger ledger,
            EventTally events,
            ChaosClient client) {
        this.options = options;
        this.run = run;
        this.ledger = ledger;
        this.events = events;
        this.client = client;
    }

    Result check(
            List<ChaosRun.Kill> kills,
            long quietSinceNanos,
            double loadSeconds,
            List<String> runProblems)
            throws InterruptedException {
        problems.addAll(runProblems);
        // lag first: it is measured from the last restart or operation, whichever came later
        double lagZero = lagZeroSeconds(quietSinceNanos);
        if (lagZero < 0) {
            problems.add("consumer lag not back at 0 within " + PATIENCE.toSeconds() + " s");
        } else if (lagZero > options.lagLimit().toSeconds()) {
            problems.add(
                    String.format(
                            Locale.ROOT,
                            "consumer lag back at 0 after %.1f s (limit %d s)",
                            lagZero,
                            options.lagLimit().toSeconds()));
        }
        try (MongoClient mongo = MongoClients.create(options.store())) {
            members(mongo);
            postings(mongo);
            calls(mongo);
            projects(mongo);
        }
        boolean balanced = balanced();
        boolean seals = sealsVerify();
        if (!ledger.refused.isEmpty()) {
            problems.add(
                    ledger.refused.size()
                            + " operations refused, first: "
                            + ledger.refused.getFirst());
        }
        long expected =
                options.kills().stream().mapToLong(entry -> entry.split("\\+").length).sum();
        if (kills.size() < expected) {
            problems.add("only " + kills.size() + " of " + expected + " kills were carried out");
        }
        if (lost > 0) {
            problems.add(lost + " acknowledged effects lost");
        }
        if (doubled > 0) {
            problems.add(doubled + " effects doubled");
        }
        return new Result(
                ledger.operations.get(),
                loadSeconds,
                ledger.byKind.entrySet().stream()
                        .collect(
                                Collectors.toMap(
                                        Map.Entry::getKey,
                                        e -> e.getValue().get(),
                                        (a, b) -> a,
                                        TreeMap::new)),
                ledger.acknowledged.get(),
                ledger.unanswered.get(),
                ledger.refused.size(),
                ledger.replayed.get(),
                ledger.verifiedByReading.get(),
                client.attempts() - ledger.operations.get(),
                client.retriedStatuses(),
                client.transportErrors(),
                kills,
                checked,
                lost,
                doubled,
                resent,
                lagZero,
                balanced,
                seals,
                List.copyOf(problems));
    }

    /**
     * Members: stored once per registration, admitted when acknowledged, announced once, consumed
     * by three.
     */
    private void members(MongoClient mongo) throws InterruptedException {
        MongoCollection<Document> members =
                mongo.getDatabase("membership").getCollection("members");
        Map<String, List<Document>> byRegistration = new HashMap<>();
        members.find(Filters.regex("registrationNumber", "^" + Pattern.quote("CHAOS-" + run + "-")))
                .projection(Projections.include("registrationNumber", "status"))
                .forEach(
                        d ->
                                byRegistration
                                        .computeIfAbsent(
                                                d.getString("registrationNumber"),
                                                r -> new ArrayList<>())
                                        .add(d));
        checked.put("members", byRegistration.size());
        byRegistration.forEach(
                (registration, docs) -> {
                    if (docs.size() > 1) {
                        doubled(
                                "registration "
                                        + registration
                                        + " stored as "
                                        + docs.size()
                                        + " members");
                    }
                    if (!ledger.applications.containsKey(registration)
                            && !ledger.unansweredApplications.contains(registration)) {
                        doubled(
                                "a member stored for "
                                        + registration
                                        + ", which was never acknowledged nor left unanswered");
                    }
                });
        Set<String> stored = new HashSet<>();
        Set<String> active = new HashSet<>();
        byRegistration
                .values()
                .forEach(
                        docs ->
                                docs.forEach(
                                        d -> {
                                            stored.add(d.getString("_id"));
                                            if ("ACTIVE".equals(d.getString("status"))) {
                                                active.add(d.getString("_id"));
                                            }
                                        }));
        ledger.applications.forEach(
                (registration, id) -> {
                    if (!stored.contains(id)) {
                        lost(
                                "acknowledged application "
                                        + registration
                                        + " (member "
                                        + id
                                        + ") not stored");
                    }
                });
        ledger.admitted.forEach(
                id -> {
                    if (!active.contains(id)) {
                        lost("acknowledged admission of " + id + " not stored (not ACTIVE)");
                    }
                });
        once(APPLIED, stored, "member.applied");
        once(ADMITTED, active, "member.admitted");
        consumed(mongo, "finance", "member_accounts", stored, "finance member accounts");
        consumed(
                mongo, "funding_watch", "member_profiles", stored, "funding-watch member profiles");
        consumed(mongo, "project", "members", stored, "project-service member views");
    }

    /** Journal entries: one per key, each published once. */
    private void postings(MongoClient mongo) throws InterruptedException {
        MongoCollection<Document> journal =
                mongo.getDatabase("finance").getCollection("ledger_journal");
        Map<String, List<String>> entriesByKey = new HashMap<>();
        journal.find(Filters.regex("idempotencyKey", "^" + Pattern.quote("chaos-" + run + "-")))
                .projection(Projections.include("idempotencyKey", "entryId"))
                .forEach(
                        d ->
                                entriesByKey
                                        .computeIfAbsent(
                                                d.getString("idempotencyKey"),
                                                k -> new ArrayList<>())
                                        .add(d.getString("entryId")));
        checked.put("journal entries", entriesByKey.size());
        entriesByKey.forEach(
                (key, entries) -> {
                    if (entries.size() > 1) {
                        doubled(
                                "idempotency key "
                                        + key
                                        + " posted as "
                                        + entries.size()
                                        + " entries");
                    }
                    if (!ledger.postings.contains(key)
                            && !ledger.unansweredPostings.contains(key)) {
                        doubled(
                                "an entry posted for "
                                        + key
                                        + ", which was never acknowledged nor left unanswered");
                    }
                });
        ledger.postings.forEach(
                key -> {
                    if (!entriesByKey.containsKey(key)) {
                        lost("acknowledged posting " + key + " not in the journal");
                    }
                });
        once(
                POSTED,
                entriesByKey.values().stream().flatMap(List::stream).collect(Collectors.toSet()),
                "ledger.entry-posted");
    }

    /**
     * Funding calls: stored once (the id is named by the feed and the reference), published once.
     */
    private void calls(MongoClient mongo) throws InterruptedException {
        MongoCollection<Document> calls = mongo.getDatabase("funding_watch").getCollection("calls");
        Set<String> stored = new HashSet<>();
        Map<String, Integer> perReference = new HashMap<>();
        calls.find(Filters.regex("reference", "^" + Pattern.quote("CHAOS-" + run + "-")))
                .projection(Projections.include("reference"))
                .forEach(
                        d -> {
                            stored.add(d.getString("_id"));
                            perReference.merge(d.getString("reference"), 1, Integer::sum);
                        });
        checked.put("calls", stored.size());
        perReference.forEach(
                (reference, count) -> {
                    if (count > 1) {
                        doubled("call " + reference + " stored " + count + " times");
                    }
                });
        for (String reference : ledger.calls) {
            if (!stored.contains(callId(reference))) {
                lost("acknowledged call " + reference + " not stored");
            }
        }
        once(PUBLISHED, stored, "call.published");
        Map<String, EventTally.Seen> matched = events.seen(MATCHED);
        checked.put("opportunities read", matched.size());
        matched.forEach(
                (key, seen) -> {
                    if (seen.distinct() > 1) {
                        doubled(
                                "opportunity "
                                        + key
                                        + " published under "
                                        + seen.distinct()
                                        + " event ids");
                    }
                    resent += seen.repeats();
                });
    }

    /** Projects: one per start, two invitations each, answered as acknowledged, each event once. */
    private void projects(MongoClient mongo) throws InterruptedException {
        MongoCollection<Document> projects = mongo.getDatabase("project").getCollection("projects");
        Map<String, List<String>> byTitle = new HashMap<>();
        projects.find(Filters.regex("title", "^" + Pattern.quote("Chaos " + run + " ")))
                .projection(Projections.include("title"))
                .forEach(
                        d ->
                                byTitle.computeIfAbsent(
                                                d.getString("title"), t -> new ArrayList<>())
                                        .add(d.getString("_id")));
        checked.put("projects", byTitle.size());
        byTitle.forEach(
                (title, ids) -> {
                    if (ids.size() > 1) {
                        doubled("project '" + title + "' started " + ids.size() + " times");
                    }
                });
        ledger.projects.forEach(
                (title, id) -> {
                    if (!byTitle.getOrDefault(title, List.of()).contains(id)) {
                        lost("acknowledged project " + title + " (" + id + ") not stored");
                    }
                });
        Set<String> storedProjects =
                byTitle.values().stream().flatMap(List::stream).collect(Collectors.toSet());
        once(CREATED, storedProjects, "project.created");

        MongoCollection<Document> invitations =
                mongo.getDatabase("project").getCollection("invitations");
        Map<String, Integer> perProjectAndMember = new HashMap<>();
        Map<String, String> statusById = new HashMap<>();
        invitations
                .find(Filters.in("projectId", storedProjects))
                .projection(Projections.include("projectId", "invitee", "status"))
                .forEach(
                        d -> {
                            perProjectAndMember.merge(
                                    d.getString("projectId") + "/" + d.getString("invitee"),
                                    1,
                                    Integer::sum);
                            statusById.put(d.getString("_id"), d.getString("status"));
                        });
        checked.put("invitations", statusById.size());
        perProjectAndMember.forEach(
                (pair, count) -> {
                    if (count > 1) {
                        doubled("invitation " + pair + " stored " + count + " times");
                    }
                });
        Set<String> accepted = new HashSet<>();
        Set<String> declined = new HashSet<>();
        ledger.invitations.forEach(
                (id, status) -> {
                    String now = statusById.get(id);
                    if (now == null) {
                        lost("acknowledged invitation " + id + " not stored");
                    } else if (!"PENDING".equals(status) && !status.equals(now)) {
                        lost(
                                "acknowledged answer "
                                        + status
                                        + " to invitation "
                                        + id
                                        + " not stored (it is "
                                        + now
                                        + ")");
                    }
                });
        statusById.forEach(
                (id, status) -> {
                    if ("ACCEPTED".equals(status)) {
                        accepted.add(id);
                    } else if ("DECLINED".equals(status)) {
                        declined.add(id);
                    }
                });
        once(SENT, statusById.keySet(), "invitation.sent");
        once(ACCEPTED, accepted, "invitation.accepted");
        once(DECLINED, declined, "invitation.declined");
    }

    /** Each stored key has exactly one event of the type: none is lost, two ids are doubled. */
    private void once(String type, Collection<String> keys, String label)
            throws InterruptedException {
        List<String> missing = events.awaitAll(type, keys, PATIENCE);
        checked.put(label + " events", keys.size() - missing.size());
        missing.stream()
                .limit(5)
                .forEach(key -> problems.add(label + " never published for " + key));
        lost += missing.size();
        for (String key : keys) {
            EventTally.Seen seen = events.seen(type, key);
            if (seen.distinct() > 1) {
                doubled(
                        label
                                + " for "
                                + key
                                + " published under "
                                + seen.distinct()
                                + " event ids");
            }
            resent += seen.repeats();
        }
    }

    /**
     * Each key has its document in a consumer's own collection ({@code _id} = the key), waiting for
     * it if need be.
     */
    private void consumed(
            MongoClient mongo, String database, String collection, Set<String> keys, String label)
            throws InterruptedException {
        MongoCollection<Document> documents = mongo.getDatabase(database).getCollection(collection);
        Set<String> missing = new HashSet<>(keys);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!missing.isEmpty()) {
            List<String> batch = new ArrayList<>(missing);
            for (int from = 0; from < batch.size(); from += 1000) {
                documents
                        .find(
                                Filters.in(
                                        "_id",
                                        batch.subList(from, Math.min(batch.size(), from + 1000))))
                        .projection(Projections.include("_id"))
                        .forEach(d -> missing.remove(d.getString("_id")));
            }
            if (missing.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(500);
        }
        checked.put(label, keys.size() - missing.size());
        missing.stream().limit(5).forEach(key -> problems.add(label + ": none for " + key));
        lost += missing.size();
    }

    private boolean balanced() throws InterruptedException {
        ChaosClient.Answer balances = client.get("farid", "/api/finance/ledger/balances");
        boolean ok =
                balances.status() == 200
                        && balances.body().contains("\"balanced\":true")
                        && Pattern.compile("\"trialBalance\":\\{(\"[A-Z]{3}\":\"-?0(\\.0+)?\",?)*}")
                                .matcher(balances.body())
                                .find();
        if (!ok) {
            problems.add(
                    "the trial balance is not zero: "
                            + balances.status()
                            + " "
                            + balances.body()
                                    .substring(0, Math.min(400, balances.body().length())));
        }
        return ok;
    }

    private boolean sealsVerify() throws InterruptedException {
        ChaosClient.Answer verified = client.get("farid", "/api/finance/periods/verify");
        boolean ok = verified.status() == 200 && verified.body().contains("\"valid\":true");
        if (!ok) {
            problems.add(
                    "the seal chain does not verify: " + verified.status() + " " + verified.body());
        }
        return ok;
    }

    /**
     * Seconds from {@code sinceNanos} until every active consumer group has read all it is assigned
     * (end offsets, read_committed, minus committed offsets); -1 when it is not so within the
     * patience.
     */
    private double lagZeroSeconds(long sinceNanos) throws InterruptedException {
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap()))) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            long lag = -1;
            while (System.nanoTime() < deadline) {
                try {
                    lag = totalLag(admin);
                    if (lag == 0) {
                        double seconds = Math.max(0, (System.nanoTime() - sinceNanos) / 1e9);
                        ChaosRun.say(
                                "consumer lag 0 %.1f s after the last restart or operation",
                                seconds);
                        return seconds;
                    }
                } catch (java.util.concurrent.ExecutionException
                        | java.util.concurrent.TimeoutException
                        | org.apache.kafka.common.KafkaException e) {
                    ChaosRun.say("lag not readable yet: %s", e.getMessage());
                }
                Thread.sleep(250);
            }
            ChaosRun.say("consumer lag still %d after %d s", lag, PATIENCE.toSeconds());
            return -1;
        }
    }

    private static long totalLag(Admin admin)
            throws InterruptedException,
                    java.util.concurrent.ExecutionException,
                    java.util.concurrent.TimeoutException {
        List<String> groups =
                admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                        .map(ConsumerGroupListing::groupId)
                        .toList();
        Map<String, ConsumerGroupDescription> described =
                admin.describeConsumerGroups(groups).all().get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (ConsumerGroupDescription group : described.values()) {
            if (group.groupState() != GroupState.STABLE) {
                continue; // groups of past runs, benchmarks and tools: nobody reads for them any
                // more
            }
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group.groupId())
                            .partitionsToOffsetAndMetadata()
                            .get(10, TimeUnit.SECONDS);
            Set<TopicPartition> assigned = new HashSet<>();
            group.members().forEach(m -> assigned.addAll(m.assignment().topicPartitions()));
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            assigned.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(
                                    latest,
                                    new org.apache.kafka.clients.admin.ListOffsetsOptions(
                                            org.apache.kafka.common.IsolationLevel.READ_COMMITTED))
                            .all()
                            .get(10, TimeUnit.SECONDS);
            for (TopicPartition tp : assigned) {
                OffsetAndMetadata at = committed.get(tp);
                if (at != null) { // none: the group never read a record there since it started at
                    // the end
                    lag += Math.max(0, ends.get(tp).offset() - at.offset());
                }
            }
        }
        return lag;
    }

    /**
     * funding-watch's id for a call of the feed: a name-based UUID of the feed and the reference.
     */
    static String callId(String reference) {
        return UUID.nameUUIDFromBytes(
                        ("funding-call\u0000" + ChaosRun.FEED + "\u0000" + reference)
                                .getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private void lost(String what) {
        lost++;
        if (lost <= 10) {
            problems.add("lost: " + what);
        }
    }

    private void doubled(String what) {
        doubled++;
        if (doubled <= 10) {
            problems.add("doubled: " + what);
        }
    }
}
