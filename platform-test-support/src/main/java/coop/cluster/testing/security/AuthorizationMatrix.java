package coop.cluster.testing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * An authorization matrix test: every endpoint × every caller ({@link Subject}: no token and each
 * role) × own or other object, each with the status it must get, sent over real HTTP with real
 * signed tokens.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> matrix() {
 *     return AuthorizationMatrix.at(baseUrl, TestIssuer.shared())
 *         .endpoint("GET /api/finance/member-accounts/{memberId}",
 *                   cell -> MatrixRequest.get("/api/finance/member-accounts/" + cell.memberId()))
 *         .expect("""
 *                 anonymous 401
 *                 member    own 200  other 404
 *                 delegate  own 200  other 404
 *                 manager   200
 *                 finance   200
 *                 feed      403
 *                 """)
 *         .coveringEndpointsOf(applicationContext)
 *         .tests();
 * }
 * }</pre>
 *
 * Every subject needs a row, or the matrix fails: a new role cannot slip through untested. A row
 * has either one expectation (for both own and other objects) or {@code own X other Y}. An
 * expectation is a status ({@code 403}), a class ({@code 2xx}) or alternatives ({@code 403|404}).
 * Every 4xx answer must also be {@code application/problem+json}. {@link #coveringEndpointsOf} adds
 * a test that fails when the service has a {@code /api} endpoint the matrix does not list.
 */
public final class AuthorizationMatrix {

    /** The organisation of the member and delegate callers. */
    public static final String OWN_MEMBER = "0000aaaa-0000-4000-8000-00000000000a";

    /** Another organisation. */
    public static final String OTHER_MEMBER = "0000bbbb-0000-4000-8000-00000000000b";

    /** The feed of the feed caller. */
    public static final String OWN_FEED = "matrix-feed";

    /** Another feed. */
    public static final String OTHER_FEED = "matrix-other-feed";

    private final String baseUrl;
    private final TestIssuer issuer;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final Map<Subject, String> tokens = new EnumMap<>(Subject.class);
    private Supplier<Set<String>> actualEndpoints;
    private final Set<Subject> subjects = new TreeSet<>(Subject.all());

    private AuthorizationMatrix(String baseUrl, TestIssuer issuer) {
        this.baseUrl = baseUrl.replaceAll("/$", "");
        this.issuer = issuer;
    }

    /**
     * A matrix whose requests go to {@code baseUrl} (a service on its test port, or the gateway).
     */
    public static AuthorizationMatrix at(String baseUrl, TestIssuer issuer) {
        return new AuthorizationMatrix(baseUrl, issuer);
    }

    /**
     * Declares an endpoint.
     *
     * @param endpoint {@code "METHOD /path/{template}"}, exactly as mapped by the controller
     * @param request builds the request for one cell; it may also create the objects the cell needs
     */
    public Rows endpoint(String endpoint, Function<Cell, MatrixRequest> request) {
        String key = normalise(endpoint);
        if (endpoints.containsKey(key)) {
            throw new IllegalArgumentException("endpoint listed twice: " + key);
        }
        return new Rows(key, request);
    }

    /**
     * Adds callers beyond those of {@link Subject#all()}, such as {@link Subject#ADMIN} for the
     * identity service's endpoints; every endpoint then needs a row for them too. Call it before
     * the first {@link #endpoint}.
     */
    public AuthorizationMatrix withSubjects(Subject... extra) {
        if (!endpoints.isEmpty()) {
            throw new IllegalStateException("withSubjects comes before the first endpoint");
        }
        subjects.addAll(List.of(extra));
        return this;
    }

    /**
     * As {@link #coveringEndpointsOf(RequestMappingHandlerMapping)}, with the application's MVC
     * mapping.
     */
    public AuthorizationMatrix coveringEndpointsOf(
            org.springframework.context.ApplicationContext context) {
        return coveringEndpointsOf(
                context.getBean(
                        "requestMappingHandlerMapping", RequestMappingHandlerMapping.class));
    }

    /**
     * Adds a test that every {@code /api} endpoint the service maps is in this matrix, and nothing
     * else.
     */
    public AuthorizationMatrix coveringEndpointsOf(RequestMappingHandlerMapping mapping) {
        this.actualEndpoints = () -> apiEndpoints(mapping);
        return this;
    }

    /**
     * As {@link #coveringEndpointsOf(org.springframework.context.ApplicationContext)}, for a
     * service whose endpoints are split over several matrices, one per feature: only the endpoints
     * under {@code pathPrefixes} (such as {@code /api/council/}) must be in this matrix. The
     * service's matrices together must still cover every prefix it maps; {@link
     * #unclaimedEndpoints} finds the ones none claims.
     */
    public AuthorizationMatrix coveringEndpointsOf(
            org.springframework.context.ApplicationContext context, String... pathPrefixes) {
        RequestMappingHandlerMapping mapping =
                context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        this.actualEndpoints =
                () -> {
                    Set<String> claimed = new TreeSet<>();
                    for (String endpoint : apiEndpoints(mapping)) {
                        if (underAny(endpoint, pathPrefixes)) {
                            claimed.add(endpoint);
                        }
                    }
                    return claimed;
                };
        return this;
    }

    /**
     * The {@code /api} endpoints of {@code context} that lie under none of {@code pathPrefixes}.
     */
    public static Set<String> unclaimedEndpoints(
            org.springframework.context.ApplicationContext context, String... pathPrefixes) {
        Set<String> unclaimed = new TreeSet<>();
        for (String endpoint :
                apiEndpoints(
                        context.getBean(
                                "requestMappingHandlerMapping",
                                RequestMappingHandlerMapping.class))) {
            if (!underAny(endpoint, pathPrefixes)) {
                unclaimed.add(endpoint);
            }
        }
        return unclaimed;
    }

    private static boolean underAny(String endpoint, String... prefixes) {
        String path = endpoint.substring(endpoint.indexOf(' ') + 1);
        for (String prefix : prefixes) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The matrix as JUnit dynamic tests: one container per endpoint, one test per cell. */
    public Stream<DynamicNode> tests() {
        List<DynamicNode> nodes = new ArrayList<>();
        if (actualEndpoints != null) {
            nodes.add(
                    DynamicTest.dynamicTest(
                            "every /api endpoint is in the matrix",
                            () ->
                                    assertThat(new TreeSet<>(endpoints.keySet()))
                                            .as(
                                                    "endpoints in the matrix vs endpoints the"
                                                            + " service maps")
                                            .isEqualTo(new TreeSet<>(actualEndpoints.get()))));
        }
        endpoints
                .values()
                .forEach(
                        endpoint ->
                                nodes.add(
                                        DynamicContainer.dynamicContainer(
                                                endpoint.name,
                                                endpoint.cells.entrySet().stream()
                                                        .map(
                                                                entry ->
                                                                        DynamicTest.dynamicTest(
                                                                                entry.getKey()
                                                                                        + " → "
                                                                                        + entry
                                                                                                .getValue(),
                                                                                () ->
                                                                                        check(
                                                                                                endpoint,
                                                                                                entry
                                                                                                        .getKey(),
                                                                                                entry
                                                                                                        .getValue()))))));
        return nodes.stream();
    }

    /** The {@code /api} endpoints a Spring MVC application maps, as {@code "METHOD /path"}. */
    public static Set<String> apiEndpoints(RequestMappingHandlerMapping mapping) {
        Set<String> found = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<String> patterns = info.getPatternValues();
            var methods = info.getMethodsCondition().getMethods();
            for (String pattern : patterns) {
                if (!pattern.startsWith("/api/") && !pattern.equals("/api")) {
                    continue;
                }
                if (methods.isEmpty()) {
                    found.add("ANY " + pattern);
                }
                methods.forEach(method -> found.add(method.name() + " " + pattern));
            }
        }
        return found;
    }

    private void check(Endpoint endpoint, Cell cell, Expected expected)
            throws IOException, InterruptedException {
        MatrixRequest request = endpoint.request.apply(cell);
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(baseUrl + request.path()))
                        .timeout(Duration.ofSeconds(20))
                        .method(
                                request.method(),
                                request.jsonBody() == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(request.jsonBody()));
        if (request.jsonBody() != null) {
            builder.header("Content-Type", "application/json");
        }
        request.headers().forEach(builder::header);
        String token = token(cell.subject());
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response =
                http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(expected.matches(response.statusCode()))
                .as(
                        "%s %s as %s: expected %s, got %d %s",
                        request.method(),
                        request.path(),
                        cell,
                        expected,
                        response.statusCode(),
                        response.body())
                .isTrue();
        if (response.statusCode() >= 400 && response.statusCode() < 500) {
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as("%s %s as %s answers a problem", request.method(), request.path(), cell)
                    .startsWith("application/problem+json");
        }
    }

    private synchronized String token(Subject subject) {
        if (subject == Subject.ANONYMOUS) {
            return null;
        }
        return tokens.computeIfAbsent(
                subject,
                s -> {
                    TestIssuer.Token token = issuer.token(s.subjectName()).roles(s.role());
                    if (s.hasOrganisation()) {
                        token.memberId(OWN_MEMBER);
                    }
                    if (s == Subject.FEED) {
                        token.feedId(OWN_FEED);
                    }
                    return token.sign();
                });
    }

    private static String normalise(String endpoint) {
        String[] parts = endpoint.trim().split("\\s+");
        if (parts.length != 2 || !parts[1].startsWith("/")) {
            throw new IllegalArgumentException(
                    "write an endpoint as \"METHOD /path\": " + endpoint);
        }
        return parts[0].toUpperCase(Locale.ROOT) + " " + parts[1];
    }

    /** Rows of one endpoint, waiting for their expectations. */
    public final class Rows {

        private final String name;
        private final Function<Cell, MatrixRequest> request;

        private Rows(String name, Function<Cell, MatrixRequest> request) {
            this.name = name;
            this.request = request;
        }

        /** The expected statuses, one row per subject; see the class comment for the format. */
        public AuthorizationMatrix expect(String table) {
            Map<Cell, Expected> cells = new LinkedHashMap<>();
            Set<Subject> seen = new TreeSet<>();
            for (String line : table.strip().split("\\R")) {
                String[] words = line.trim().split("\\s+");
                if (words.length == 0 || words[0].isEmpty()) {
                    continue;
                }
                Subject subject =
                        Subject.valueOf(words[0].toUpperCase(Locale.ROOT).replace('-', '_'));
                if (!subjects.contains(subject)) {
                    throw new IllegalArgumentException(
                            name
                                    + ": a row for "
                                    + words[0]
                                    + ", who is not a caller of this matrix (see withSubjects)");
                }
                if (!seen.add(subject)) {
                    throw new IllegalArgumentException(name + ": two rows for " + words[0]);
                }
                if (words.length == 2) {
                    Expected both = Expected.parse(words[1]);
                    cells.put(new Cell(subject, Ownership.OWN), both);
                    if (subject.hasOrganisation() || subject == Subject.FEED) {
                        cells.put(new Cell(subject, Ownership.OTHER), both);
                    }
                } else if (words.length == 5
                        && words[1].equals("own")
                        && words[3].equals("other")) {
                    cells.put(new Cell(subject, Ownership.OWN), Expected.parse(words[2]));
                    cells.put(new Cell(subject, Ownership.OTHER), Expected.parse(words[4]));
                } else {
                    throw new IllegalArgumentException(
                            name
                                    + ": cannot read row '"
                                    + line.trim()
                                    + "'; write 'role STATUS' or 'role own STATUS other STATUS'");
                }
            }
            Set<Subject> missing = new TreeSet<>(subjects);
            missing.removeAll(seen);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(
                        name
                                + ": no row for "
                                + missing
                                + "; every caller needs an expected status");
            }
            endpoints.put(name, new Endpoint(name, request, cells));
            return AuthorizationMatrix.this;
        }
    }

    private record Endpoint(
            String name, Function<Cell, MatrixRequest> request, Map<Cell, Expected> cells) {}

    /** An expected status: 403, 2xx, or 403|404. */
    record Expected(String text) {

        static Expected parse(String text) {
            for (String alternative : text.split("\\|")) {
                if (!alternative.matches("[1-5](\\d\\d|xx)")) {
                    throw new IllegalArgumentException("not a status: " + alternative);
                }
            }
            return new Expected(text);
        }

        boolean matches(int status) {
            for (String alternative : text.split("\\|")) {
                if (alternative.endsWith("xx")
                        ? status / 100 == alternative.charAt(0) - '0'
                        : status == Integer.parseInt(alternative)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
