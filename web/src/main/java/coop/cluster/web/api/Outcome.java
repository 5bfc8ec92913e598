package coop.cluster.web.api;

/**
 * What a form's submission to the API gave: the API's answer, or the problem it refused it with
 * (shown next to the fields by the page, which keeps what was typed).
 */
public record Outcome<T>(T data, ApiProblem problem) {

    public static <T> Outcome<T> ok(T data) {
        return new Outcome<>(data, null);
    }

    public static <T> Outcome<T> refused(ApiProblem problem) {
        return new Outcome<>(null, problem);
    }

    public boolean succeeded() {
        return problem == null;
    }
}
