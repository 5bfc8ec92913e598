package coop.cluster.testing.security;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The platform's rule "authorization first, then validation", checked over a service's handlers: a
 * {@code @Valid @RequestBody} is validated while Spring MVC resolves the arguments, before the
 * handler checks the caller, so a caller without the right would get 400 (and learn the body's
 * rules) instead of 403/404. Handlers take the body without {@code @Valid} and validate it after
 * the check ({@code RequestBodies.valid}).
 */
public final class ValidationOrder {

    private ValidationOrder() {}

    /**
     * Handlers ("Controller.method") whose request body is validated before the handler runs;
     * should be none.
     */
    public static List<String> bodiesValidatedBeforeAuthorization(ApplicationContext context) {
        Map<RequestMappingInfo, HandlerMethod> handlers =
                context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                        .getHandlerMethods();
        return handlers.values().stream()
                .filter(h -> h.getBeanType().getPackageName().startsWith("coop.cluster"))
                .filter(ValidationOrder::validatesItsBodyFirst)
                .map(h -> h.getBeanType().getSimpleName() + "." + h.getMethod().getName())
                .distinct()
                .sorted()
                .toList();
    }

    private static boolean validatesItsBodyFirst(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                for (Annotation annotation : parameter.getParameterAnnotations()) {
                    String name = annotation.annotationType().getName();
                    if (name.equals("jakarta.validation.Valid")
                            || name.equals("org.springframework.validation.annotation.Validated")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
