package coop.cluster.benchmarks;

import com.mongodb.client.model.Filters;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.plumbing.outbox.OutboxRelay;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Measures the event pipeline beside a raw Kafka producer/consumer on the same broker, in the same
 * run.
 *
 * <ol>
 *   <li>raw Kafka, saturated: the broker's floor;
 *   <li>the raw pipeline ({@link RawPipeline}: bare driver insert, bare producer, bare consumer,
 *       bare upsert), paced and saturated: the baseline the end-to-end run is compared with;
 *   <li>relay drain: N events already in outboxes, the time the relay takes to publish and remove
 *       them all;
 *   <li>end to end at the paced rate and saturated: a command writes state + event in one document,
 *       the relay publishes it, the consuming service applies it once to its own store. Latency is
 *       from before the command's write to after the consumer's write. Then the ratios to the raw
 *       pipeline, and the store commands (the driver's command monitoring in both applications) and
 *       relay records per event.
 * </ol>
 *
 * <p>Run: {@code ./platform bench events [--events 20000] [--rate 2000]}. Without {@code
 * --bootstrap}/{@code --mongo} it starts its own broker (a separate process) and store.
 */
public final class EventPipelineBenchmark {

    private EventPipelineBenchmark() {}

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
        System.out.printf(
                "Event pipeline benchmark: %d events, paced rate %d/s, broker %s, store %s, %d"
                        + " cores%n",
                events, rate, bootstrap, mongo, Runtime.getRuntime().availableProcessors());

        List<String> results = new ArrayList<>();
        RawKafkaBaseline.run(bootstrap, Math.min(events, 5_000), payloadBytes); // warm-up
        results.add(
                RawKafkaBaseline.run(bootstrap, events, payloadBytes)
                        .summary("raw kafka, saturated"));
        RawPipeline.run(bootstrap, mongo, Math.min(events, 5_000), 0, contents); // warm-up
        LatencyRecorder rawPaced = RawPipeline.run(bootstrap, mongo, events, rate, contents);
        results.add(rawPaced.summary("raw pipeline, paced " + rate + "/s"));
        LatencyRecorder rawSaturated = RawPipeline.run(bootstrap, mongo, events, 0, contents);
        results.add(rawSaturated.summary("raw pipeline, saturated"));

        try (ConfigurableApplicationContext publisher =
                        start(
                                PipelineApps.Publisher.class,
                                "bench-publisher",
                                bootstrap,
                                mongo,
                                "bench_parcels");
                ConfigurableApplicationContext consumer =
                        start(
                                PipelineApps.Consumer.class,
                                "bench-consumer",
                                bootstrap,
                                mongo,
                                "")) {
            PipelineApps.Commands commands = publisher.getBean(PipelineApps.Commands.class);
            OutboxRelay relay = publisher.getBean(OutboxRelay.class);
            MongoTemplate store = publisher.getBean(MongoTemplate.class);

            results.add(relayDrain(commands, relay, store, events, contents));

            endToEnd(
                    commands,
                    Math.min(events, 5_000),
                    rate,
                    contents); // warm-up, also waits for the assignment
            LatencyRecorder paced = endToEnd(commands, events, rate, contents);
            results.add(paced.summary("end to end, paced " + rate + "/s"));
            List<MeterRegistry> registries =
                    List.of(
                            publisher.getBean(MeterRegistry.class),
                            consumer.getBean(MeterRegistry.class));
            long commandsBefore = storeCommands(registries);
            double recordsBefore = relayRecords(registries);
            LatencyRecorder saturated = endToEnd(commands, events, 0, contents);
            Thread.sleep(PathBench.SETTLE_MILLIS); // the relay's clean-up
            long commandsUsed = storeCommands(registries) - commandsBefore;
            double recordsSent = relayRecords(registries) - recordsBefore;
            results.add(saturated.summary("end to end, saturated"));
            results.add("");
            results.add(
                    "end to end / raw pipeline, saturated: %.0f %% of the raw rate (target >= 50 %%)"
                            .formatted(100 * saturated.rate() / rawSaturated.rate()));
            results.add(
                    "end to end / raw pipeline, paced %d/s: p99 %.2f ms = %.1f x the raw p99 of %.2f ms (target <= 5 x)"
                            .formatted(
                                    rate,
                                    paced.p99Millis(),
                                    paced.p99Millis() / rawPaced.p99Millis(),
                                    rawPaced.p99Millis()));
            results.add(
                    "store commands per event, saturated: %.2f (publisher and consumer; raw pipeline 2.00), relay records per event %.3f"
                            .formatted(commandsUsed / (double) events, recordsSent / events));
        }
        System.out.println();
        results.forEach(System.out::println);
        System.exit(0);
    }

    private static String relayDrain(
            PipelineApps.Commands commands,
            OutboxRelay relay,
            MongoTemplate store,
            int events,
            String contents) {
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
            pending =
                    store.getCollection("bench_parcels").countDocuments(Filters.exists("outbox.0"));
        } while (pending > 0);
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        return "%-34s %9d events %10.0f events/s   (commands wrote them at %.0f/s)"
                .formatted("relay drain", events, events / drainSeconds, events / writeSeconds);
    }

    private static LatencyRecorder endToEnd(
            PipelineApps.Commands commands, int events, int rate, String contents)
            throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder();
        PipelineApps.Consumer.recorder = recorder;
        Workers.paced(events, rate, recorder, (i, now) -> commands.send(contents, now));
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (recorder.count() < events && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        return recorder;
    }

    /** The store commands the driver's command monitoring counted in {@code registries}. */
    private static long storeCommands(List<MeterRegistry> registries) {
        return registries.stream()
                .flatMap(registry -> registry.find("mongodb.driver.commands").timers().stream())
                .mapToLong(Timer::count)
                .sum();
    }

    /** The records the relays' producers sent ({@code kafka.producer.record.send.total}). */
    private static double relayRecords(List<MeterRegistry> registries) {
        return registries.stream()
                .flatMap(
                        registry ->
                                registry
                                        .find("kafka.producer.record.send.total")
                                        .tag("producer", "outbox-relay")
                                        .functionCounters()
                                        .stream())
                .mapToDouble(FunctionCounter::count)
                .sum();
    }

    private static ConfigurableApplicationContext start(
            Class<?> app, String name, String bootstrap, String mongo, String outboxCollections) {
        // as command-line arguments: they outrank every default, including the plumbing's
        return new SpringApplicationBuilder(app)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.application.name=" + name,
                        "--spring.kafka.bootstrap-servers=" + bootstrap,
                        "--spring.mongodb.uri=" + mongo,
                        "--cluster.outbox.collections=" + outboxCollections,
                        "--management.tracing.sampling.probability=0.0",
                        "--logging.level.root=WARN");
    }
}
