package coop.cluster.benchmarks;

import com.mongodb.client.model.Filters;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.plumbing.outbox.OutboxRelay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Measures the event pipeline beside a raw Kafka producer/consumer on the same broker, in the same run.
 *
 * <ol>
 *   <li>raw Kafka, saturated and at the paced rate: the floor;</li>
 *   <li>relay drain: N events already in outboxes, the time the relay takes to publish and remove them all;</li>
 *   <li>end to end at the paced rate and saturated: a command writes state + event in one document, the relay
 *       publishes it, the consuming service applies it once to its own store. Latency is from before the
 *       command's write to after the consumer's write.</li>
 * </ol>
 *
 * <p>Run: {@code ./platform bench events [--events 20000] [--rate 2000]}. Without {@code --bootstrap}/{@code --mongo}
 * it starts its own broker (a separate process) and store.
 */
public final class EventPipelineBenchmark {

    private EventPipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        int events = Integer.parseInt(options.getOrDefault("events", "20000"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "2000"));
        int payloadBytes = Integer.parseInt(options.getOrDefault("payload-bytes", "200"));
        String bootstrap = options.get("bootstrap");
        String mongo = options.get("mongo");
        if (bootstrap == null || mongo == null) {
            EmbeddedInfra infra = EmbeddedInfra.shared();
            bootstrap = bootstrap == null ? infra.bootstrapServers() : bootstrap;
            mongo = mongo == null ? infra.mongoUri("bench_" + System.currentTimeMillis()) : mongo;
        }
        String contents = "x".repeat(Math.max(0, payloadBytes - 120));
        System.out.printf("Event pipeline benchmark: %d events, paced rate %d/s, broker %s, store %s, %d cores%n",
                events, rate, bootstrap, mongo, Runtime.getRuntime().availableProcessors());

        List<String> results = new ArrayList<>();
        RawKafkaBaseline.run(bootstrap, Math.min(events, 5_000), payloadBytes); // warm-up
        results.add(RawKafkaBaseline.run(bootstrap, events, payloadBytes).summary("raw kafka, saturated"));

        try (ConfigurableApplicationContext publisher = start(PipelineApps.Publisher.class, "bench-publisher",
                bootstrap, mongo, "bench_parcels");
             ConfigurableApplicationContext consumer = start(PipelineApps.Consumer.class, "bench-consumer",
                     bootstrap, mongo, "")) {
            PipelineApps.Commands commands = publisher.getBean(PipelineApps.Commands.class);
            OutboxRelay relay = publisher.getBean(OutboxRelay.class);
            MongoTemplate store = publisher.getBean(MongoTemplate.class);

            results.add(relayDrain(commands, relay, store, events, contents));

            endToEnd(commands, Math.min(events, 5_000), rate, contents); // warm-up, also waits for the assignment
            results.add(endToEnd(commands, events, rate, contents).summary("end to end, paced " + rate + "/s"));
            results.add(endToEnd(commands, events, 0, contents).summary("end to end, saturated"));
        }
        System.out.println();
        results.forEach(System.out::println);
        System.exit(0);
    }

    private static String relayDrain(PipelineApps.Commands commands, OutboxRelay relay, MongoTemplate store,
                                     int events, String contents) {
        relay.stop();
        long writeStart = System.nanoTime();
        for (int i = 0; i < events; i++) {
            commands.queue(contents);
        }
        double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
        long drainStart = System.nanoTime();
        relay.start();
        long pending;
        do {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            pending = store.getCollection("bench_parcels").countDocuments(Filters.exists("outbox.0"));
        } while (pending > 0);
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        return "%-34s %9d events %10.0f events/s   (commands wrote them at %.0f/s)".formatted("relay drain", events,
                events / drainSeconds, events / writeSeconds);
    }

    private static LatencyRecorder endToEnd(PipelineApps.Commands commands, int events, int rate, String contents)
            throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder();
        PipelineApps.Consumer.recorder = recorder;
        int threads = 2;
        List<Thread> senders = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            senders.add(Thread.ofPlatform().start(() -> {
                for (int i = offset; i < events; i += threads) {
                    if (rate > 0) {
                        long due = start + (long) (i * (1e9 / rate));
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                    long now = System.nanoTime();
                    recorder.started(now);
                    commands.send(contents, now);
                }
            }));
        }
        for (Thread sender : senders) {
            sender.join();
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (recorder.count() < events && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        return recorder;
    }

    private static ConfigurableApplicationContext start(Class<?> app, String name, String bootstrap, String mongo,
                                                         String outboxCollections) {
        // as command-line arguments: they outrank every default, including the plumbing's
        return new SpringApplicationBuilder(app).web(WebApplicationType.NONE).run(
                "--spring.application.name=" + name,
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.mongodb.uri=" + mongo,
                "--cluster.outbox.collections=" + outboxCollections,
                "--management.tracing.sampling.probability=0.0",
                "--logging.level.root=WARN");
    }
}
