package coop.cluster.testing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The architecture rules every service keeps, written once. A service's base package ({@code
 * coop.cluster.membership}) holds its features, one top-level package each ({@code member}, {@code
 * group}, {@code ledger}, ...), and every feature the same shape: {@code domain} (plain Java),
 * {@code persistence} (the stores and their documents), {@code web} (controllers and views), {@code
 * events}, and at the feature's root its application layer, the way in for every other feature.
 *
 * <p>The rules ({@link #rules()}):
 *
 * <ul>
 *   <li>{@link #domainIsPlainJava()}: {@code ..domain..} depends on no Spring, no store (Spring
 *       Data MongoDB, the driver, BSON), no Jackson, no {@code jakarta.*} (servlet, mail, ...) and
 *       nothing of the plumbing but its plain-Java {@code coop.cluster.plumbing.domain} ({@code
 *       RuleViolation});
 *   <li>{@link #onlyPersistenceUsesTheStore()}: outside {@code ..persistence..} nothing uses Spring
 *       Data MongoDB, the driver or BSON; a configuration class (meta-annotated with Spring's
 *       {@code @Configuration}) may name the store's types to wire it, but calls none of them;
 *   <li>{@link #webReachesNoPersistence()}: {@code ..web..} reaches no {@code ..persistence..};
 *   <li>{@link #featuresGoThroughTheApplicationLayer()}: no class reaches into the {@code
 *       persistence} or {@code web} of another feature (classes at the base package's root belong
 *       to no feature);
 *   <li>{@link #noOtherService()}: of {@code coop.cluster} the service depends on itself and the
 *       shared modules ({@code coop.cluster.plumbing}, {@code coop.cluster.search}) only: another
 *       service's classes are never imported.
 * </ul>
 *
 * <p>Known exceptions are frozen by name, each with its reason, as a parameter of the rule set:
 * {@link #allowing(String, String, String)} for one dependency between two classes, {@link
 * #allowingTheStoreIn(String, String)} for a class outside {@code persistence} that uses the store.
 * A frozen exception that no longer occurs fails {@link #check(JavaClasses)}, so the list only
 * shrinks. A service's test:
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "coop.cluster.membership", importOptions = ImportOption.DoNotIncludeTests.class)
 * class MembershipArchitectureTest {
 *
 *     @ArchTest
 *     static void keepsTheServiceShape(JavaClasses classes) {
 *         ServiceArchitecture.of("coop.cluster.membership")
 *                 .allowing("coop.cluster.membership.a.A", "coop.cluster.membership.b.persistence.B", "why")
 *                 .check(classes);
 *     }
 * }
 * }</pre>
 *
 * Immutable: {@code allowing...} returns a new rule set.
 */
public final class ServiceArchitecture {

    /** The modules every service may use: the plumbing and the search index. */
    public static final List<String> SHARED =
            List.of("coop.cluster.plumbing", "coop.cluster.search");

    private static final String PLATFORM = "coop.cluster";

    private static final String[] STORE = {
        "org.springframework.data.mongodb", "com.mongodb", "org.bson"
    };

    private static final String[] NOT_IN_THE_DOMAIN = {
        "org.springframework",
        "org.bson",
        "com.mongodb",
        "jakarta",
        "tools.jackson",
        "com.fasterxml.jackson",
        "coop.cluster.plumbing"
    };

    /** The plumbing's plain-Java package, which a domain may use ({@code RuleViolation}). */
    private static final String PLAIN_PLUMBING = "coop.cluster.plumbing.domain";

    private static final String CONFIGURATION =
            "org.springframework.context.annotation.Configuration";

    /**
     * A known exception, frozen: {@code origin} (a class; its nested classes count as it) may
     * depend on what {@code target} matches, because of {@code reason}.
     */
    public record Frozen(String origin, String target, String reason, Predicate<String> targets) {

        public Frozen {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(target, "target");
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException(
                        "a frozen exception needs its reason: " + origin + " -> " + target);
            }
        }

        boolean covers(JavaClass from, JavaClass to) {
            return outermost(from.getName()).equals(origin)
                    && targets.test(outermost(to.getName()));
        }

        @Override
        public String toString() {
            return origin + " -> " + target + " (" + reason + ")";
        }
    }

    private final String base;
    private final List<Frozen> frozen;
    private final Set<Frozen> used = new LinkedHashSet<>();

    private ServiceArchitecture(String base, List<Frozen> frozen) {
        this.base = base;
        this.frozen = List.copyOf(frozen);
    }

    /**
     * The rules for the service whose classes live under {@code basePackage}, e.g. {@code
     * coop.cluster.finance}.
     */
    public static ServiceArchitecture of(String basePackage) {
        if (basePackage == null
                || !basePackage.startsWith(PLATFORM + ".")
                || basePackage.endsWith(".")) {
            throw new IllegalArgumentException(
                    "a service's base package, coop.cluster.<service>: " + basePackage);
        }
        return new ServiceArchitecture(basePackage, List.of());
    }

    /**
     * Freezes one known exception: the class {@code origin} may depend on the class {@code target}
     * (both fully qualified; nested classes count as their outermost class), because of {@code
     * reason}. No rule reports it.
     */
    public ServiceArchitecture allowing(String origin, String target, String reason) {
        return with(new Frozen(origin, target, reason, target::equals));
    }

    /**
     * Freezes one known exception: the class {@code origin}, outside {@code persistence}, uses the
     * store.
     */
    public ServiceArchitecture allowingTheStoreIn(String origin, String reason) {
        return with(new Frozen(origin, "the store", reason, ServiceArchitecture::isStore));
    }

    /** The frozen exceptions, in the order given. */
    public List<Frozen> frozen() {
        return frozen;
    }

    /** The service's base package. */
    public String basePackage() {
        return base;
    }

    /** Every rule, in the order of the class comment. */
    public List<ArchRule> rules() {
        return List.of(
                domainIsPlainJava(),
                onlyPersistenceUsesTheStore(),
                webReachesNoPersistence(),
                featuresGoThroughTheApplicationLayer(),
                noOtherService());
    }

    /**
     * Checks every rule against {@code classes} and that every frozen exception still occurs; fails
     * with one report of all the violations.
     */
    public void check(JavaClasses classes) {
        used.clear();
        List<String> failures = new ArrayList<>();
        for (ArchRule rule : rules()) {
            EvaluationResult result = rule.evaluate(classes);
            if (result.hasViolation()) {
                failures.add(result.getFailureReport().toString());
            }
        }
        List<String> stale =
                frozen.stream()
                        .filter(exception -> !used.contains(exception))
                        .map(Frozen::toString)
                        .toList();
        if (!stale.isEmpty()) {
            failures.add(
                    "Frozen exceptions of "
                            + base
                            + " that no longer occur (remove them):\n"
                            + String.join("\n", stale));
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n\n", failures));
        }
    }

    /**
     * The domain is plain Java: no Spring, no store, no Jackson, no {@code jakarta.*}, nothing of
     * the plumbing but {@code coop.cluster.plumbing.domain}.
     */
    public ArchRule domainIsPlainJava() {
        return rule(
                packageIn(base + "..domain.."),
                "the domain is plain Java: depend on no " + String.join(", ", NOT_IN_THE_DOMAIN),
                (origin, target) ->
                        inAny(target.getPackageName(), NOT_IN_THE_DOMAIN)
                                && !inAny(target.getPackageName(), PLAIN_PLUMBING));
    }

    /**
     * Only the persistence packages use the store. A configuration class outside them may name the
     * store's types to wire it (a bean method taking a {@code MongoTemplate} for a store's
     * constructor) but runs no store code: it calls no method, constructor or field of the store.
     */
    public ArchRule onlyPersistenceUsesTheStore() {
        DescribedPredicate<JavaClass> outsidePersistence =
                DescribedPredicate.describe(
                        "classes of " + base + " outside ..persistence..",
                        origin ->
                                inService(origin)
                                        && !hasSegment(origin.getPackageName(), "persistence"));
        ArchCondition<JavaClass> condition =
                new ArchCondition<>(
                        "use no store ("
                                + String.join(", ", STORE)
                                + "); configuration classes only name it") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        if (origin.isMetaAnnotatedWith(CONFIGURATION)) {
                            for (JavaAccess<?> access : origin.getAccessesFromSelf()) {
                                JavaClass target = access.getTargetOwner();
                                if (isStore(target.getName()) && !frozenCovers(origin, target)) {
                                    events.add(
                                            SimpleConditionEvent.violated(
                                                    access, access.getDescription()));
                                }
                            }
                            return;
                        }
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            JavaClass target = dependency.getTargetClass();
                            if (inAny(target.getPackageName(), STORE)
                                    && !frozenCovers(origin, target)) {
                                events.add(
                                        SimpleConditionEvent.violated(
                                                dependency, dependency.getDescription()));
                            }
                        }
                    }
                };
        return classes().that(outsidePersistence).should(condition).allowEmptyShould(true);
    }

    /** The web layer reaches no persistence: it binds requests to its own views. */
    public ArchRule webReachesNoPersistence() {
        return rule(
                packageIn(base + "..web.."),
                "reach no ..persistence.. of " + base,
                (origin, target) ->
                        inService(target) && hasSegment(target.getPackageName(), "persistence"));
    }

    /**
     * A feature's {@code persistence} and {@code web} are its own: every other feature (and the
     * service's root) goes through the feature's application layer, at its root.
     */
    public ArchRule featuresGoThroughTheApplicationLayer() {
        DescribedPredicate<JavaClass> all =
                DescribedPredicate.describe("classes of " + base, this::inService);
        return rule(
                all,
                "reach into no other feature's persistence or web (through its application layer"
                        + " instead)",
                this::innerOfAnotherFeature);
    }

    /**
     * Another service's classes are never imported: of {@code coop.cluster}, only itself and {@link
     * #SHARED}.
     */
    public ArchRule noOtherService() {
        DescribedPredicate<JavaClass> all =
                DescribedPredicate.describe("classes of " + base, this::inService);
        return rule(
                all,
                "depend on nothing of "
                        + PLATFORM
                        + " but "
                        + base
                        + " and "
                        + String.join(", ", SHARED),
                (origin, target) ->
                        inAny(target.getPackageName(), PLATFORM)
                                && !inService(target)
                                && !inAny(target.getPackageName(), SHARED.toArray(String[]::new)));
    }

    private boolean innerOfAnotherFeature(JavaClass origin, JavaClass target) {
        if (!inService(target)
                || !(hasSegment(target.getPackageName(), "persistence")
                        || hasSegment(target.getPackageName(), "web"))) {
            return false;
        }
        String feature = feature(origin.getPackageName());
        return feature.isEmpty() || !feature.equals(feature(target.getPackageName()));
    }

    /**
     * One rule: no dependency of an {@code origin} class on a class {@code forbidden} matches, but
     * the frozen.
     */
    private ArchRule rule(
            DescribedPredicate<JavaClass> origins,
            String description,
            BiPredicate<JavaClass, JavaClass> forbidden) {
        ArchCondition<JavaClass> condition =
                new ArchCondition<>(description) {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            JavaClass target = dependency.getTargetClass();
                            if (!forbidden.test(origin, target)) {
                                continue;
                            }
                            if (frozenCovers(origin, target)) {
                                continue;
                            }
                            events.add(
                                    SimpleConditionEvent.violated(
                                            dependency, dependency.getDescription()));
                        }
                    }
                };
        return classes().that(origins).should(condition).allowEmptyShould(true);
    }

    /**
     * Whether a frozen exception covers the dependency; the exception is then marked as still
     * occurring.
     */
    private boolean frozenCovers(JavaClass origin, JavaClass target) {
        Frozen exception =
                frozen.stream().filter(f -> f.covers(origin, target)).findFirst().orElse(null);
        if (exception != null) {
            used.add(exception);
        }
        return exception != null;
    }

    private DescribedPredicate<JavaClass> packageIn(String pattern) {
        PackageMatcher matcher = PackageMatcher.of(pattern);
        return DescribedPredicate.describe(
                "classes in " + pattern, origin -> matcher.matches(origin.getPackageName()));
    }

    private boolean inService(JavaClass type) {
        return inAny(type.getPackageName(), base);
    }

    /**
     * The feature of a package of the service: {@code ledger} for {@code
     * coop.cluster.finance.ledger.persistence}; empty at the service's root.
     */
    String feature(String packageName) {
        if (!packageName.startsWith(base + ".")) {
            return "";
        }
        String rest = packageName.substring(base.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** Whether a package of the service has the segment {@code name}. */
    private boolean hasSegment(String packageName, String name) {
        if (!packageName.startsWith(base + ".")) {
            return false;
        }
        String[] segments = packageName.substring(base.length() + 1).split("\\.");
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isStore(String className) {
        int dot = className.lastIndexOf('.');
        return dot > 0 && inAny(className.substring(0, dot), STORE);
    }

    private static boolean inAny(String packageName, String... packages) {
        for (String candidate : packages) {
            if (packageName.equals(candidate) || packageName.startsWith(candidate + ".")) {
                return true;
            }
        }
        return false;
    }

    private static String outermost(String className) {
        int dollar = className.indexOf('$');
        return dollar < 0 ? className : className.substring(0, dollar);
    }

    private ServiceArchitecture with(Frozen exception) {
        List<Frozen> all = new ArrayList<>(frozen);
        all.add(exception);
        return new ServiceArchitecture(base, all);
    }
}
