package coop.cluster.benchmarks;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Load driver for the issuer (auth-server): whole browser logins per second, beside the password
 * encoder's own cost on the same machine with the same threads.
 *
 * <ol>
 *   <li>{@code --logins} logins, {@code --clients} at a time, each as a new browser (its own
 *       cookies, so its own session): the authorization request of {@code cluster-web} with PKCE,
 *       the login form (its CSRF token), the password posted (throttle checks on the store,
 *       bcrypt), back to the authorization endpoint (the code stored), the code exchanged at the
 *       token endpoint (looked up by its hash, tokens signed and stored), and one refresh (the
 *       refresh token looked up by its hash, rotated). Users: the demo members ({@code --users}),
 *       whose password is {@code demo} and who need no second factor;
 *   <li>then, in this process, {@code encoder.matches} of the issuer's encoder (bcrypt, cost 10)
 *       with the same number of threads: the ceiling a login cannot pass, since each login runs it
 *       once;
 *   <li>prints logins/s, the latency of a whole login, of the token endpoint (code exchange and
 *       refresh) at p50 and p99, and the encoder's matches/s.
 * </ol>
 *
 * <p>Run: {@code ./platform bench logins [--logins 400] [--clients 4]} with the platform (or only
 * the auth-server) running.
 */
public final class LoginsBenchmark {

    private static final String CLIENT = "cluster-web";
    private static final String REDIRECT_URI = "http://127.0.0.1:8400/callback";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern JSON_FIELD =
            Pattern.compile("\"(access_token|refresh_token)\"\\s*:\\s*\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long MAX = TimeUnit.MINUTES.toNanos(1);

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        String url = options.getOrDefault("url", "http://localhost:9000").replaceAll("/$", "");
        int logins = Integer.parseInt(options.getOrDefault("logins", "400"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "4"));
        int matches =
                Integer.parseInt(
                        options.getOrDefault("matches", String.valueOf(Math.max(200, logins))));
        List<String> users =
                List.of(
                        options.getOrDefault("users", "amina,bruno,camille,dario,delphine")
                                .split(","));
        System.out.printf(
                "Logins benchmark against %s: %d logins, %d clients, users %s; %d cores here%n",
                url, logins, clients, users, Runtime.getRuntime().availableProcessors());

        login(
                url,
                users.getFirst(),
                new Histogram(MAX, 3),
                new Histogram(MAX, 3),
                new Histogram(MAX, 3)); // warm-up
        Histogram whole = new Histogram(MAX, 3);
        Histogram exchange = new Histogram(MAX, 3);
        Histogram refresh = new Histogram(MAX, 3);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        Workers.parallel(
                clients,
                "login",
                () -> {
                    for (int i = next.getAndIncrement(); i < logins; i = next.getAndIncrement()) {
                        try {
                            login(url, users.get(i % users.size()), whole, exchange, refresh);
                        } catch (IllegalStateException e) {
                            if (errors.incrementAndGet() <= 5) {
                                System.err.println("login failed: " + e.getMessage());
                            }
                        }
                    }
                });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "%d logins in %.1f s: %.1f logins/s, %d errors%n",
                logins, seconds, logins / seconds, errors.get());
        System.out.printf(
                "whole login (5 requests)   p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n",
                ms(whole, 50), ms(whole, 99), whole.getMaxValue() / 1e6);
        System.out.printf(
                "token endpoint, code       p50 %7.1f ms  p99 %7.1f ms%n",
                ms(exchange, 50), ms(exchange, 99));
        System.out.printf(
                "token endpoint, refresh    p50 %7.1f ms  p99 %7.1f ms%n",
                ms(refresh, 50), ms(refresh, 99));

        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        String hash = encoder.encode("demo");
        encoder.matches("demo", hash);
        AtomicInteger done = new AtomicInteger();
        long encoderStart = System.nanoTime();
        Workers.parallel(
                clients,
                "bcrypt",
                () -> {
                    while (done.getAndIncrement() < matches) {
                        encoder.matches("demo", hash);
                    }
                });
        double encoderSeconds = (System.nanoTime() - encoderStart) / 1e9;
        System.out.printf(
                "password encoder alone (%s, %d threads, this process): %.1f matches/s, %.1f ms"
                        + " each%n",
                hash.substring(0, hash.indexOf('}') + 1)
                        + hash.substring(hash.indexOf('}') + 1, hash.indexOf('}') + 8),
                clients,
                matches / encoderSeconds,
                1000 * encoderSeconds * clients / matches);
        System.out.printf(
                "logins run at %.0f%% of the encoder's rate%n",
                100 * (logins / seconds) / (matches / encoderSeconds));
    }

    /** One browser login up to the tokens and one refresh. */
    private static void login(
            String url, String user, Histogram whole, Histogram exchange, Histogram refresh)
            throws IOException, InterruptedException {
        HttpClient browser =
                HttpClient.newBuilder()
                        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        String verifier = random(48);
        String state = random(16);
        long t0 = System.nanoTime();
        HttpResponse<String> authorization =
                send(
                        browser,
                        get(
                                url
                                        + "/oauth2/authorize?"
                                        + form(
                                                Map.of(
                                                        "response_type",
                                                        "code",
                                                        "client_id",
                                                        CLIENT,
                                                        "redirect_uri",
                                                        REDIRECT_URI,
                                                        "scope",
                                                        "openid profile",
                                                        "state",
                                                        state,
                                                        "code_challenge",
                                                        challenge(verifier),
                                                        "code_challenge_method",
                                                        "S256"))));
        expect(authorization, 302, "authorization request");
        HttpResponse<String> page = send(browser, get(url + "/login"));
        Matcher csrf = CSRF.matcher(page.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token in the login page");
        }
        HttpResponse<String> login =
                send(
                        browser,
                        post(
                                url + "/login",
                                Map.of(
                                        "username",
                                        loginOf(user),
                                        "password",
                                        "demo",
                                        "_csrf",
                                        csrf.group(1))));
        expect(login, 302, "login");
        String back = location(login);
        if (!back.contains("/oauth2/authorize")) {
            throw new IllegalStateException("login of " + user + " refused: " + back);
        }
        HttpResponse<String> resumed = send(browser, get(back));
        String callback = location(resumed);
        if (!callback.startsWith(REDIRECT_URI) || !callback.contains("code=")) {
            throw new IllegalStateException("no code for " + user + ": " + callback);
        }
        String code =
                URLDecoder.decode(
                        callback.replaceAll("^.*[?&]code=([^&]+).*$", "$1"),
                        StandardCharsets.UTF_8);
        long t1 = System.nanoTime();
        HttpResponse<String> tokens =
                send(
                        browser,
                        post(
                                url + "/oauth2/token",
                                Map.of(
                                        "grant_type",
                                        "authorization_code",
                                        "code",
                                        code,
                                        "redirect_uri",
                                        REDIRECT_URI,
                                        "client_id",
                                        CLIENT,
                                        "code_verifier",
                                        verifier)));
        long t2 = System.nanoTime();
        expect(tokens, 200, "code exchange");
        String refreshToken = field(tokens.body(), "refresh_token");
        HttpResponse<String> refreshed =
                send(
                        browser,
                        post(
                                url + "/oauth2/token",
                                Map.of(
                                        "grant_type",
                                        "refresh_token",
                                        "refresh_token",
                                        refreshToken,
                                        "client_id",
                                        CLIENT)));
        long t3 = System.nanoTime();
        expect(refreshed, 200, "refresh");
        synchronized (whole) {
            whole.recordValue(Math.min(t2 - t0, MAX));
            exchange.recordValue(Math.min(t2 - t1, MAX));
            refresh.recordValue(Math.min(t3 - t2, MAX));
        }
    }

    private static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET();
    }

    private static HttpRequest.Builder post(String url, Map<String, String> fields) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html,application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return client.send(
                request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status, String step) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(
                    step + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private static String field(String json, String name) {
        Matcher matcher = JSON_FIELD.matcher(json);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        throw new IllegalStateException("no " + name + " in " + json);
    }

    private static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields)
                .entrySet().stream()
                        .map(
                                e ->
                                        URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                                                + "="
                                                + URLEncoder.encode(
                                                        e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    /**
     * A demo person's login: a bare demo name stands for its demo address
     * (amina@demo.cluster.coop).
     */
    static String loginOf(String user) {
        return user.contains("@") ? user : user + "@demo.cluster.coop";
    }
}
