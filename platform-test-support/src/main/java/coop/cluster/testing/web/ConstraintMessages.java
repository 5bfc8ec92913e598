package coop.cluster.testing.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;

/**
 * The rule "every answer in the request's language", checked over a service's constraint
 * annotations: a constraint whose {@code message} is a text of its own ({@code message = "must be a
 * plain decimal such as 12.50"}) puts that English text into the {@code errors} of a French answer
 * (acceptance testing, issue 15: "mixed languages"). A message must be a key, {@code
 * "{validation.decimal}"}, found in the service's {@code messages.properties} and {@code
 * messages_fr.properties} (Spring Boot's validator resolves it from the application's messages, in
 * the request's locale); Bean Validation's and Hibernate Validator's own keys are left to their
 * bundles, which speak both.
 */
public final class ConstraintMessages {

    private static final String CONSTRAINT = "jakarta.validation.Constraint";

    private ConstraintMessages() {}

    /**
     * @param notAnswered classes (with their nested classes) whose constraints never reach an
     *     answer, such as configuration properties checked at start
     * @return each constraint under {@code basePackage} whose message is a text rather than a key,
     *     or a key missing in English or French ("Type.member @Pattern: ..."); should be none
     */
    public static List<String> problems(String basePackage, Class<?>... notAnswered) {
        ClassLoader loader = ConstraintMessages.class.getClassLoader();
        Properties english = load(loader, "messages.properties");
        Properties french = load(loader, "messages_fr.properties");
        Set<String> problems = new TreeSet<>();
        for (Class<?> type : classesUnder(basePackage, loader)) {
            if (excluded(type, notAnswered)) {
                continue;
            }
            for (Field field : type.getDeclaredFields()) {
                check(
                        type.getName() + "." + field.getName(),
                        field.getAnnotations(),
                        field.getAnnotatedType(),
                        english,
                        french,
                        problems);
            }
            List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredMethods()));
            executables.addAll(List.of(type.getDeclaredConstructors()));
            // a record component's constraint is on its field, its accessor and its constructor's
            // parameter: one line
            for (Executable executable : executables) {
                boolean constructor = executable instanceof java.lang.reflect.Constructor<?>;
                for (Parameter parameter : executable.getParameters()) {
                    check(
                            type.getName()
                                    + "."
                                    + (constructor ? "" : executable.getName() + "#")
                                    + parameter.getName(),
                            parameter.getAnnotations(),
                            parameter.getAnnotatedType(),
                            english,
                            french,
                            problems);
                }
                if (!constructor) {
                    check(
                            type.getName() + "." + executable.getName(),
                            executable.getAnnotations(),
                            executable.getAnnotatedReturnType(),
                            english,
                            french,
                            problems);
                }
            }
        }
        return List.copyOf(problems);
    }

    private static void check(
            String where,
            Annotation[] declared,
            AnnotatedType type,
            Properties english,
            Properties french,
            Set<String> problems) {
        for (Annotation annotation : declared) {
            check(where, annotation, english, french, problems);
        }
        checkType(where, type, english, french, problems);
    }

    private static void checkType(
            String where,
            AnnotatedType type,
            Properties english,
            Properties french,
            Set<String> problems) {
        if (type == null) {
            return;
        }
        for (Annotation annotation : type.getAnnotations()) {
            check(where, annotation, english, french, problems);
        }
        if (type instanceof AnnotatedParameterizedType parameterized) {
            for (AnnotatedType argument : parameterized.getAnnotatedActualTypeArguments()) {
                checkType(where, argument, english, french, problems);
            }
        } else if (type instanceof AnnotatedArrayType array) {
            checkType(where, array.getAnnotatedGenericComponentType(), english, french, problems);
        }
    }

    private static void check(
            String where,
            Annotation annotation,
            Properties english,
            Properties french,
            Set<String> problems) {
        if (!isConstraint(annotation)) {
            return;
        }
        String message;
        try {
            message =
                    String.valueOf(
                            annotation.annotationType().getMethod("message").invoke(annotation));
        } catch (ReflectiveOperationException e) {
            return;
        }
        String name = "@" + annotation.annotationType().getSimpleName();
        if (!(message.startsWith("{") && message.endsWith("}") && message.indexOf('{', 1) < 0)) {
            problems.add(where + " " + name + ": a text, not a key: " + message);
            return;
        }
        String key = message.substring(1, message.length() - 1);
        if (key.startsWith("jakarta.validation.") || key.startsWith("org.hibernate.validator.")) {
            return;
        }
        if (!english.containsKey(key)) {
            problems.add(where + " " + name + ": " + key + " is not in messages.properties");
        }
        if (!french.containsKey(key)) {
            problems.add(where + " " + name + ": " + key + " is not in messages_fr.properties");
        }
    }

    private static boolean excluded(Class<?> type, Class<?>[] notAnswered) {
        for (Class<?> left : notAnswered) {
            if (type.equals(left) || type.getName().startsWith(left.getName() + "$")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConstraint(Annotation annotation) {
        for (Annotation meta : annotation.annotationType().getAnnotations()) {
            if (meta.annotationType().getName().equals(CONSTRAINT)) {
                return true;
            }
        }
        return false;
    }

    private static List<Class<?>> classesUnder(String basePackage, ClassLoader loader) {
        ClassPathScanningCandidateComponentProvider scanner =
                new ClassPathScanningCandidateComponentProvider(false) {
                    @Override
                    protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                        return true;
                    }
                };
        scanner.addIncludeFilter((reader, factory) -> true);
        List<Class<?>> classes = new ArrayList<>();
        for (BeanDefinition definition : scanner.findCandidateComponents(basePackage)) {
            try {
                classes.add(Class.forName(definition.getBeanClassName(), false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load " + definition.getBeanClassName(), e);
            }
        }
        if (classes.isEmpty()) {
            throw new IllegalStateException("no class under " + basePackage);
        }
        return classes;
    }

    private static Properties load(ClassLoader loader, String resource) {
        Properties all = new Properties();
        try {
            Enumeration<URL> urls = loader.getResources(resource);
            while (urls.hasMoreElements()) {
                try (Reader reader =
                        new InputStreamReader(
                                urls.nextElement().openStream(), StandardCharsets.UTF_8)) {
                    Properties one = new Properties();
                    one.load(reader);
                    all.putAll(one);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        return all;
    }
}
