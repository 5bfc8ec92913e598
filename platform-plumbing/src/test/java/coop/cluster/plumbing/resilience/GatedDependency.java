package coop.cluster.plumbing.resilience;

/** The class {@link GatedTrigger#run()} needs on first use; see {@link PinnedClassLoading}. */
public final class GatedDependency {

    @Override
    public String toString() {
        return "loaded";
    }
}
