package coop.cluster.plumbing.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Set;

/**
 * Validates a request body after the caller's rights were checked. A {@code @Valid @RequestBody} is
 * validated while Spring MVC resolves the handler's arguments, before the handler's first line, so
 * a caller with no right to the resource learnt what the body should look like (400) instead of
 * being refused (403/404). Handlers whose rights depend on the resource take the body without
 * {@code @Valid}, check the caller, then call {@link #valid}: the rule is "authorization first,
 * then validation". The violations answer the same 400 problem as {@code @Valid}'s.
 */
public final class RequestBodies {

    private RequestBodies() {}

    /**
     * @return {@code body}, valid; a missing body is left to the handler ({@code @RequestBody}
     *     requires one)
     */
    public static <T> T valid(Validator validator, T body) {
        if (body == null) {
            return null;
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new InvalidBody(violations);
        }
        return body;
    }

    /**
     * The body's violations; their property paths are the body's own ({@code motion.currency},
     * {@code contributions[0].money}), named in full in the problem as {@code @Valid}'s field
     * errors were.
     */
    public static final class InvalidBody extends ConstraintViolationException {

        InvalidBody(Set<? extends ConstraintViolation<?>> violations) {
            super(violations);
        }
    }
}
