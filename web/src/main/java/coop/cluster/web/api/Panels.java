package coop.cluster.web.api;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Loads a panel from the API: a 401 (or a login that cannot be refreshed) means signing in again;
 * any other failure makes the panel {@linkplain Panel#failed() unavailable} and is logged, never
 * shown as a stack trace.
 */
public final class Panels {

    private static final Logger log = LoggerFactory.getLogger(Panels.class);

    private Panels() {}

    /**
     * Sends a form's request: the API's answer, or its problem (4xx with its code and field errors;
     * 5xx, timeout or a refused connection as {@link ApiProblem#unavailable()} or the 5xx status).
     * A 401 means signing in again.
     */
    public static <T> Outcome<T> submit(String name, Supplier<T> call) {
        try {
            return Outcome.ok(call.get());
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)) {
                throw new SignInAgain(e);
            }
            ApiProblem problem = ApiProblem.of(e);
            if (e.getStatusCode().is5xxServerError()) {
                log.warn("{} failed: the API answered {}", name, e.getStatusCode().value());
            } else {
                log.info(
                        "{} refused: {} {} {}",
                        name,
                        problem.status(),
                        problem.code(),
                        problem.fields().keySet());
            }
            return Outcome.refused(problem);
        } catch (ClientAuthorizationException e) {
            throw new SignInAgain(e);
        } catch (RestClientException | IllegalStateException e) {
            log.warn("{} failed: {}", name, e.toString());
            return Outcome.refused(ApiProblem.unavailable());
        }
    }

    public static <T> Panel<T> load(String name, Supplier<T> call) {
        try {
            return Panel.of(call.get());
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)) {
                throw new SignInAgain(e);
            }
            log.warn("panel {} unavailable: the API answered {}", name, e.getStatusCode().value());
            return Panel.failed();
        } catch (ClientAuthorizationException e) {
            throw new SignInAgain(e);
        } catch (RestClientException | IllegalStateException e) {
            log.warn("panel {} unavailable: {}", name, e.toString());
            return Panel.failed();
        }
    }
}
