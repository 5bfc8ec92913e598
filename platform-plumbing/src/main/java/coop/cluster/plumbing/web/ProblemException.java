package coop.cluster.plumbing.web;

import org.springframework.http.HttpStatus;

/**
 * A refusal the client can act on, answered as problem+json. Services subclass it or use the
 * factories; the code names the messages {@code problem.<code>.title} / {@code .detail} in the
 * service's {@code messages} bundle (English and French).
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final transient Object[] args;

    public ProblemException(HttpStatus status, String code, Object... args) {
        super(code);
        this.status = status;
        this.code = code;
        this.args = args;
    }

    /**
     * 404 "there is no {@code what} with id {@code id}". {@code what} is the English name of the
     * kind of object; it is translated as the message {@code entity.<what, spaces as dashes>} (e.g.
     * {@code entity.funding-call}), so a French answer does not name it in English.
     */
    public static ProblemException notFound(String what, Object id) {
        String key = "entity." + what.trim().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        return new ProblemException(
                HttpStatus.NOT_FOUND,
                "not-found",
                new org.springframework.context.support.DefaultMessageSourceResolvable(
                        new String[] {key}, what),
                id);
    }

    /**
     * The caller is known but may not do this (403); {@code code} defaults to the generic
     * "forbidden".
     */
    public static ProblemException forbidden() {
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden");
    }

    public static ProblemException forbidden(String code, Object... args) {
        return new ProblemException(HttpStatus.FORBIDDEN, code, args);
    }

    public static ProblemException conflict(String code, Object... args) {
        return new ProblemException(HttpStatus.CONFLICT, code, args);
    }

    public static ProblemException unprocessable(String code, Object... args) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, code, args);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }
}
