package coop.cluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser-like HTTP client for the tests: its own cookie jar (so its own session), no automatic
 * redirects, and the few OAuth 2 steps the tests need.
 */
final class OAuthClient {

    static final String WEB_CLIENT = "cluster-web";
    static final String REDIRECT_URI = "http://127.0.0.1:8400/callback";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String baseUrl;
    private final CookieManager cookies;
    private final HttpClient http;

    OAuthClient(String baseUrl) {
        this(baseUrl, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
    }

    private OAuthClient(String baseUrl, CookieManager cookies) {
        this.baseUrl = baseUrl;
        this.cookies = cookies;
        this.http =
                HttpClient.newBuilder()
                        .cookieHandler(cookies)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
    }

    /**
     * The same browser talking to another address (another issuer instance): the same cookie jar,
     * so the same session. Cookies do not depend on the port: every instance on localhost gets
     * them.
     */
    OAuthClient at(String otherBaseUrl) {
        return new OAuthClient(otherBaseUrl, cookies);
    }

    /** The value of a cookie this browser holds for its address, if any. */
    Optional<String> cookie(String name) {
        return cookies.getCookieStore().get(URI.create(baseUrl)).stream()
                .filter(cookie -> cookie.getName().equals(name))
                .map(java.net.HttpCookie::getValue)
                .findFirst();
    }

    String baseUrl() {
        return baseUrl;
    }

    /** A GET as a browser sends it (it accepts HTML). */
    HttpResponse<String> browse(String url) {
        return send(
                HttpRequest.newBuilder(uri(url))
                        .header("Accept", "text/html,application/xhtml+xml")
                        .GET());
    }

    /** A GET as a browser set to {@code language} sends it. */
    HttpResponse<String> send(String url, String language) {
        return send(
                HttpRequest.newBuilder(uri(url))
                        .header("Accept", "text/html")
                        .header("Accept-Language", language)
                        .GET());
    }

    /** A GET as a program sends it, with no Accept header. */
    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(uri(url)).GET());
    }

    HttpResponse<String> get(String url, String bearerToken) {
        return send(
                HttpRequest.newBuilder(uri(url))
                        .header("Authorization", "Bearer " + bearerToken)
                        .GET());
    }

    /** A CORS preflight request from {@code origin}. */
    HttpResponse<String> options(String url, String origin, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(url))
                        .header("Origin", origin)
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return send(request);
    }

    HttpResponse<String> postForm(
            String url, Map<String, String> form, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(formBody(form)));
        headers.forEach(request::header);
        return send(request);
    }

    /**
     * POSTs to the token endpoint with no client credentials beyond the form's, e.g. a public
     * client's id.
     */
    HttpResponse<String> token(Map<String, String> form) {
        return postForm(baseUrl + "/oauth2/token", form, Map.of("Accept", "application/json"));
    }

    /** POSTs to the token endpoint with HTTP Basic client authentication. */
    HttpResponse<String> token(Map<String, String> form, String clientId, String secret) {
        String basic =
                Base64.getEncoder()
                        .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return postForm(
                baseUrl + "/oauth2/token",
                form,
                Map.of("Accept", "application/json", "Authorization", "Basic " + basic));
    }

    /** An authorization request of {@code cluster-web} with PKCE. */
    String authorizationUrl(Pkce pkce, String state) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", WEB_CLIENT);
        query.put("redirect_uri", REDIRECT_URI);
        query.put("scope", "openid profile");
        query.put("state", state);
        if (pkce != null) {
            query.put("code_challenge", pkce.challenge());
            query.put("code_challenge_method", "S256");
        }
        return baseUrl + "/oauth2/authorize?" + formBody(query);
    }

    /**
     * The browser part of the authorization code flow: authorization request, login form, login,
     * back to the authorization endpoint. Returns the last redirect (to the client's redirect URI
     * if all went well).
     */
    String authorize(String username, String password, Pkce pkce, String state) {
        HttpResponse<String> authorization = browse(authorizationUrl(pkce, state));
        assertThat(authorization.statusCode())
                .as("authorization request without a session")
                .isEqualTo(302);
        String loginUrl = location(authorization);
        assertThat(loginUrl).endsWith("/login");

        HttpResponse<String> loginPage = browse(loginUrl);
        assertThat(loginPage.statusCode()).isEqualTo(200);
        Matcher csrf = CSRF.matcher(loginPage.body());
        assertThat(csrf.find()).as("CSRF token in the login page").isTrue();

        HttpResponse<String> login =
                postForm(
                        loginUrl,
                        Map.of(
                                "username",
                                login(username),
                                "password",
                                password,
                                "_csrf",
                                csrf.group(1)),
                        Map.of("Accept", "text/html"));
        assertThat(login.statusCode()).isEqualTo(302);
        String next = location(login);
        if (!next.contains("/oauth2/authorize")) {
            return next; // e.g. back to /login?error
        }
        HttpResponse<String> resumed = browse(next);
        assertThat(resumed.statusCode()).isEqualTo(302);
        if (location(resumed).contains("/mfa")) {
            return secondFactor(DemoCodes.next(username));
        }
        return location(resumed);
    }

    /**
     * The login of {@code user}: an email as typed, or a bare demo name as its demo address
     * (amina@demo.cluster.coop).
     */
    static String login(String user) {
        return user.contains("@") ? user : user + "@demo.cluster.coop";
    }

    /**
     * The second-factor page: {@code code} typed, then back to the authorization endpoint. Returns
     * the last redirect (to the client's redirect URI if the code was accepted), or {@code "/mfa"}
     * and the status if it was refused.
     */
    String secondFactor(String code) {
        HttpResponse<String> page = browse(baseUrl + "/mfa");
        assertThat(page.statusCode()).as("the second-factor page").isEqualTo(200);
        HttpResponse<String> answer = submitCode(page.body(), code);
        if (answer.statusCode() != 302) {
            return "/mfa " + answer.statusCode();
        }
        HttpResponse<String> resumed = browse(location(answer));
        assertThat(resumed.statusCode()).isEqualTo(302);
        return location(resumed);
    }

    /** Posts {@code code} with the CSRF token of {@code page} (a second-factor page). */
    HttpResponse<String> submitCode(String page, String code) {
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).as("CSRF token in the second-factor page").isTrue();
        return postForm(
                baseUrl + "/mfa",
                Map.of("code", code, "_csrf", csrf.group(1)),
                Map.of("Accept", "text/html"));
    }

    /** The login form: posts the credentials, returns the answer (a redirect). */
    HttpResponse<String> postLogin(String username, String password) {
        HttpResponse<String> loginPage = browse(baseUrl + "/login");
        Matcher csrf = CSRF.matcher(loginPage.body());
        assertThat(csrf.find()).as("CSRF token in the login page").isTrue();
        return postForm(
                baseUrl + "/login",
                Map.of("username", login(username), "password", password, "_csrf", csrf.group(1)),
                Map.of("Accept", "text/html"));
    }

    /** The whole flow up to the token response, for {@code cluster-web}. */
    JsonNode login(String username, String password) {
        Pkce pkce = Pkce.create();
        String state = random(16);
        String callback = authorize(username, password, pkce, state);
        assertThat(callback).startsWith(REDIRECT_URI + "?");
        assertThat(queryParameter(callback, "state")).contains(state);
        String code = queryParameter(callback, "code").orElseThrow();
        HttpResponse<String> token =
                token(
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                code,
                                "redirect_uri",
                                REDIRECT_URI,
                                "client_id",
                                WEB_CLIENT,
                                "code_verifier",
                                pkce.verifier()));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return json(token.body());
    }

    /**
     * Verifies a JWT's signature against the issuer's {@code /oauth2/jwks} and returns its claims.
     */
    JWTClaimsSet verify(String jwt) {
        try {
            SignedJWT signed = SignedJWT.parse(jwt);
            HttpResponse<String> jwks =
                    send(HttpRequest.newBuilder(uri(baseUrl + "/oauth2/jwks")).GET());
            assertThat(jwks.statusCode()).isEqualTo(200);
            RSAKey key =
                    JWKSet.parse(jwks.body())
                            .getKeyByKeyId(signed.getHeader().getKeyID())
                            .toRSAKey();
            assertThat(signed.verify(new RSASSAVerifier(key)))
                    .as("signature verifies with the published key")
                    .isTrue();
            return signed.getJWTClaimsSet();
        } catch (ParseException | JOSEException e) {
            throw new AssertionError("Not a valid signed JWT: " + e.getMessage(), e);
        }
    }

    /** The {@code typ} header of a JWT, or null. */
    static String type(String jwt) {
        try {
            com.nimbusds.jose.JOSEObjectType type = SignedJWT.parse(jwt).getHeader().getType();
            return type == null ? null : type.getType();
        } catch (ParseException e) {
            throw new AssertionError("Not a JWT: " + e.getMessage(), e);
        }
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    static String location(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Location")
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "No Location header in a "
                                                + response.statusCode()
                                                + " answer"));
    }

    static Optional<String> queryParameter(String url, String name) {
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (key.equals(name)) {
                return Optional.of(
                        equals < 0
                                ? ""
                                : URLDecoder.decode(
                                        pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(
                    request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String url) {
        return URI.create(url.startsWith("/") ? baseUrl + url : url);
    }

    private static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(
                        e ->
                                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                                        + "="
                                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A PKCE verifier and its S256 challenge (RFC 7636). */
    record Pkce(String verifier, String challenge) {

        static Pkce create() {
            String verifier = random(48);
            try {
                byte[] digest =
                        MessageDigest.getInstance("SHA-256")
                                .digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(
                        verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
