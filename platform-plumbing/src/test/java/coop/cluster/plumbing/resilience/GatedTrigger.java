package coop.cluster.plumbing.resilience;

/**
 * Loaded by {@link PinnedClassLoading.GatedLoader}. {@link #run()} names {@link GatedDependency},
 * which is not loaded yet: the JVM itself resolves it on the first call and calls the loader from
 * native code, as it did for the class that {@code com.mongodb.internal.time.Timeout.awaitOn} first
 * needed when the store went away.
 */
public final class GatedTrigger {

    private GatedTrigger() {}

    public static String run() {
        return new GatedDependency().toString();
    }
}
