package coop.cluster.infra.testing;

/** Whether a Docker engine answers, asked through Testcontainers when it is on the classpath. */
final class DockerProbe {

    private DockerProbe() {}

    static boolean dockerAvailable() {
        try {
            Class<?> factory = Class.forName("org.testcontainers.DockerClientFactory");
            Object instance = factory.getMethod("instance").invoke(null);
            return (Boolean) factory.getMethod("isDockerAvailable").invoke(instance);
        } catch (ReflectiveOperationException | LinkageError notOnClasspath) {
            return false;
        }
    }
}
