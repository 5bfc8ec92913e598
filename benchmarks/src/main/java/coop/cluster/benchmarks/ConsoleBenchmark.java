package coop.cluster.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Load driver for the web console: pages per second and time to first byte of the member's home and
 * the directory, through gateway → console → gateway → services, beside the API calls each page
 * makes, through the same gateway with the same person's token, in the same run.
 *
 * <ol>
 *   <li>signs the person in through the console as a browser does (console → issuer's login form →
 *       code → the console's session cookie);
 *   <li>for each target, {@code --clients} clients back to back for {@code --seconds}: a console
 *       page (the cookie only), each API call that page makes (the bearer token), and the page's
 *       API calls one after the other, as the console makes them (what the page costs beneath it);
 *   <li>prints requests/s, p50 and p95 of the time to the answer's headers (TTFB) and p95 of the
 *       whole answer.
 * </ol>
 *
 * <p>Run: {@code ./platform bench console [--seconds 15] [--clients 4] [--user amina]} with the
 * platform running. The API token comes from {@code TOKEN_COMMAND} (the platform script sets it:
 * {@code scripts/token.sh amina demo}).
 */
public final class ConsoleBenchmark {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final long MAX = TimeUnit.MINUTES.toNanos(1);
    private static final AtomicInteger RATE_LIMITED = new AtomicInteger();

    /** What one target measures: a console page, or one or more API calls in sequence. */
    record Target(String name, boolean console, List<String> paths) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        String gateway = options.getOrDefault("url", "http://127.0.0.1:8080").replaceAll("/$", "");
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "15"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "4"));
        String user = options.getOrDefault("user", "amina");
        String memberId = options.getOrDefault("member", "11111111-1111-4111-8111-111111111111");
        ServiceClient.Tokens tokens = ServiceClient.Tokens.from(null);
        System.out.printf(
                "Console benchmark against %s as %s: %d clients, %d s per target; %d cores here%n",
                gateway, user, clients, seconds, Runtime.getRuntime().availableProcessors());

        HttpClient browser = signIn(gateway, user);
        HttpClient api =
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();

        // the API calls each page makes (HomeController, DirectoryController): keep in step with
        // them
        List<String> homeCalls =
                new ArrayList<>(
                        List.of(
                                "/api/members/" + memberId,
                                "/api/invitations?status=PENDING&size=20",
                                "/api/projects?mine=true&page=0&size=50",
                                "/api/finance/fees/invoices?page=0&size=50",
                                "/api/calls/recommended?size=3",
                                "/api/watches?size=100"));
        // the next cut-offs: the calls of each of the organisation's first 10 watches
        watchIds(api, gateway, tokens.current()).stream()
                .limit(10)
                .forEach(id -> homeCalls.add("/api/watches/" + id + "/calls?size=10"));
        List<String> directoryCalls = List.of("/api/directory?page=0&size=20");
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("console /home", true, List.of("/home")));
        targets.add(new Target("  its API calls in sequence", false, homeCalls));
        homeCalls.forEach(call -> targets.add(new Target("    " + call, false, List.of(call))));
        targets.add(new Target("console /directory", true, List.of("/directory")));
        targets.add(new Target("  its API call", false, directoryCalls));

        System.out.printf(
                "%-64s %9s %10s %10s %10s %7s%n",
                "target", "req/s", "p50 TTFB", "p95 TTFB", "p95 whole", "errors");
        Map<String, Double> rates = new LinkedHashMap<>();
        for (Target target : targets) {
            Result result =
                    run(
                            target,
                            target.console() ? browser : api,
                            gateway,
                            tokens.current(),
                            clients,
                            seconds);
            rates.put(target.name(), result.rate());
            System.out.printf(
                    "%-64s %9.1f %8.1f ms %8.1f ms %8.1f ms %7d%n",
                    target.name(),
                    result.rate(),
                    ms(result.ttfb(), 50),
                    ms(result.ttfb(), 95),
                    ms(result.whole(), 95),
                    result.errors());
        }
        if (RATE_LIMITED.get() > 0) {
            System.out.printf(
                    "%d answers were 429: the gateway's rate limit per person (50/s by default) was"
                            + " measured, not the platform. Start it with"
                            + " CLUSTER_GATEWAY_RATELIMIT_REPLENISHPERSECOND=100000"
                            + " CLUSTER_GATEWAY_RATELIMIT_BURSTCAPACITY=100000 ./platform run%n",
                    RATE_LIMITED.get());
        }
        System.out.printf(
                "home page rate / its API calls' rate: %.0f%%; directory page / its API call:"
                        + " %.0f%%%n",
                100 * rates.get("console /home") / rates.get("  its API calls in sequence"),
                100 * rates.get("console /directory") / rates.get("  its API call"));
    }

    private static final Pattern WATCH_ID =
            Pattern.compile("\\{\\s*\"id\"\\s*:\\s*\"([A-Za-z0-9-]+)\"");

    /**
     * The ids of the caller's organisation's watches, as the home page reads them ({@code GET
     * /api/watches}).
     */
    private static List<String> watchIds(HttpClient api, String gateway, String token)
            throws IOException, InterruptedException {
        HttpResponse<String> watches =
                api.send(
                        HttpRequest.newBuilder(URI.create(gateway + "/api/watches?size=100"))
                                .header("Authorization", "Bearer " + token)
                                .timeout(Duration.ofSeconds(10))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (watches.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET /api/watches answered " + watches.statusCode() + ": " + watches.body());
        }
        List<String> ids = new ArrayList<>();
        Matcher matcher = WATCH_ID.matcher(watches.body());
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    record Result(double rate, Histogram ttfb, Histogram whole, int errors) {}

    private static Result run(
            Target target, HttpClient http, String gateway, String token, int clients, int seconds)
            throws InterruptedException {
        // a short warm-up, not counted
        once(
                target,
                http,
                gateway,
                token,
                new ConcurrentHistogram(MAX, 3),
                new ConcurrentHistogram(MAX, 3));
        ConcurrentHistogram ttfb = new ConcurrentHistogram(MAX, 3);
        ConcurrentHistogram whole = new ConcurrentHistogram(MAX, 3);
        AtomicLong done = new AtomicLong();
        AtomicInteger errors = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(
                    Thread.ofPlatform()
                            .name("console-load-" + c)
                            .start(
                                    () -> {
                                        while (System.nanoTime() < end) {
                                            if (once(target, http, gateway, token, ttfb, whole)) {
                                                done.incrementAndGet();
                                            } else {
                                                errors.incrementAndGet();
                                            }
                                        }
                                    }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(done.get() / elapsed, ttfb, whole, errors.get());
    }

    /**
     * One page, or one sequence of API calls: TTFB is the first call's headers, whole is until the
     * last byte.
     */
    private static boolean once(
            Target target,
            HttpClient http,
            String gateway,
            String token,
            Histogram ttfb,
            Histogram whole) {
        long t0 = System.nanoTime();
        boolean ok = true;
        for (int i = 0; i < target.paths().size(); i++) {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(gateway + target.paths().get(i)))
                            .timeout(Duration.ofSeconds(10))
                            .GET();
            if (target.console()) {
                request.header("Accept", "text/html");
            } else {
                request.header("Authorization", "Bearer " + token)
                        .header("Accept", "application/json");
            }
            try {
                HttpResponse<InputStream> response =
                        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                if (i == 0) {
                    ttfb.recordValue(Math.min(MAX, System.nanoTime() - t0));
                }
                try (InputStream body = response.body()) {
                    body.transferTo(OutputStreamSink.INSTANCE);
                }
                ok &= response.statusCode() == 200;
                if (response.statusCode() == 429) {
                    RATE_LIMITED.incrementAndGet();
                }
            } catch (IOException e) {
                ok = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        whole.recordValue(Math.min(MAX, System.nanoTime() - t0));
        return ok;
    }

    /**
     * Signs in through the console like a browser: the console's session cookie is all the client
     * keeps.
     */
    static HttpClient signIn(String gateway, String user) throws IOException, InterruptedException {
        HttpClient browser =
                HttpClient.newBuilder()
                        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                        .followRedirects(HttpClient.Redirect.ALWAYS)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        HttpResponse<String> login =
                browser.send(
                        HttpRequest.newBuilder(
                                        URI.create(gateway + "/oauth2/authorization/cluster"))
                                .header("Accept", "text/html")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(login.body());
        if (!csrf.find()) {
            throw new IllegalStateException(
                    "no login form at " + login.uri() + " (" + login.statusCode() + ")");
        }
        String form =
                Map.of(
                                "username",
                                user + "@demo.cluster.coop",
                                "password",
                                "demo",
                                "_csrf",
                                csrf.group(1))
                        .entrySet()
                        .stream()
                        .map(
                                e ->
                                        e.getKey()
                                                + "="
                                                + URLEncoder.encode(
                                                        e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        URI loginUri = login.uri().resolve("/login");
        HttpResponse<String> home =
                browser.send(
                        HttpRequest.newBuilder(loginUri)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Accept", "text/html")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (home.statusCode() != 200 || !home.uri().getPath().equals("/home")) {
            throw new IllegalStateException(
                    "sign-in of "
                            + user
                            + " ended at "
                            + home.uri()
                            + " ("
                            + home.statusCode()
                            + "); only members without a second factor can be used here");
        }
        return browser;
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    /** Discards what it is given. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
