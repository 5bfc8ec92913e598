package coop.cluster.plumbing.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The incident's deadlock, made small. Three kinds of work share one monitor, {@link #jar}, which
 * stands for the monitor of Spring Boot's {@code UrlNestedJarFile} that every read of the fat jar
 * takes:
 *
 * <ul>
 *   <li>a thread reading a resource of the jar ({@link #holdJar}): Java code, so on JDK 24+ a
 *       virtual thread may block (here: sleep) while it holds the monitor, and unmounts from its
 *       carrier;
 *   <li>threads that call code needing a class not loaded yet ({@link #loadThroughTheJvm}): the JVM
 *       resolves the class and calls {@link GatedLoader#loadClass} from native code, so a virtual
 *       thread is pinned to its carrier for the whole load; the first takes the class-loading lock
 *       and waits for {@link #jar}, the others wait for the class-loading lock, each blocking its
 *       carrier.
 * </ul>
 *
 * With as many loading virtual threads as carriers, the holder never gets a carrier back to release
 * the monitor: nothing runs again. With platform threads the holder has its own thread, wakes up,
 * releases, and all finish.
 */
public final class PinnedClassLoading {

    private final Object jar = new Object();
    private final Method run;

    public PinnedClassLoading() {
        try {
            GatedLoader loader = new GatedLoader(PinnedClassLoading.class.getClassLoader(), jar);
            // GatedTrigger loaded and initialised now; GatedDependency only when run() first
            // executes
            run = Class.forName(GatedTrigger.class.getName(), true, loader).getMethod("run");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Holds the jar's monitor for {@code duration}, blocked (unmounted, if virtual), as a slow
     * resource read.
     */
    public void holdJar(CountDownLatch held, Duration duration) throws InterruptedException {
        synchronized (jar) {
            held.countDown();
            Thread.sleep(duration);
        }
    }

    /**
     * Calls code whose first run makes the JVM load a class through the jar: {@code "loaded"} once
     * it could.
     */
    public String loadThroughTheJvm() {
        try {
            return (String) run.invoke(null);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A parallel-capable loader, like Spring Boot's {@code LaunchedClassLoader}, that reads classes
     * under a monitor.
     */
    static final class GatedLoader extends ClassLoader {

        static {
            registerAsParallelCapable();
        }

        private final Object jar;

        GatedLoader(ClassLoader parent, Object jar) {
            super("gated", parent);
            this.jar = jar;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(GatedTrigger.class.getName())
                    && !name.equals(GatedDependency.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                byte[] bytes;
                synchronized (jar) {
                    bytes = read(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        }

        private byte[] read(String name) {
            try (InputStream in =
                    getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
