package coop.cluster.infra.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath of this JVM, for starting child JVMs with the same classes. Surefire and Failsafe
 * start tests with a manifest-only "booter" jar that is deleted when the test JVM ends; its {@code
 * Class-Path} is expanded so that a child never depends on it.
 */
final class Classpath {

    private Classpath() {}

    static String current() {
        return String.join(File.pathSeparator, expand(System.getProperty("java.class.path", "")));
    }

    /**
     * The jars of this JVM's classpath plus the entry holding {@code mainClass}: enough for a main
     * of this module (the broker), without the test-class directories that would prevent class-data
     * sharing.
     */
    static String jarsAnd(Class<?> mainClass) {
        List<String> entries = new ArrayList<>();
        java.security.CodeSource source = mainClass.getProtectionDomain().getCodeSource();
        if (source != null
                && source.getLocation() != null
                && "file".equals(source.getLocation().getProtocol())) {
            try {
                entries.add(Path.of(source.getLocation().toURI()).toString());
            } catch (java.net.URISyntaxException e) {
                return current();
            }
        }
        for (String entry : expand(System.getProperty("java.class.path", ""))) {
            if (entry.endsWith(".jar") && !entries.contains(entry)) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    static List<String> expand(String classpath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            List<String> fromManifest = manifestOnlyJarEntries(Path.of(entry));
            if (fromManifest.isEmpty()) {
                entries.add(entry);
            } else {
                entries.addAll(fromManifest);
            }
        }
        return entries;
    }

    /** The Class-Path of a jar that holds nothing but a manifest; empty for any other entry. */
    private static List<String> manifestOnlyJarEntries(Path jar) {
        if (!jar.getFileName().toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
            return List.of();
        }
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            Manifest manifest = jarFile.getManifest();
            boolean onlyManifest =
                    jarFile.stream().allMatch(e -> e.getName().startsWith("META-INF/"));
            String classPath =
                    manifest == null
                            ? null
                            : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (!onlyManifest || classPath == null || classPath.isBlank()) {
                return List.of();
            }
            URI base = jar.toAbsolutePath().toUri();
            List<String> entries = new ArrayList<>();
            for (String ref : classPath.trim().split("\\s+")) {
                entries.add(Path.of(base.resolve(ref)).toString());
            }
            return entries;
        } catch (IOException | IllegalArgumentException e) {
            // not a readable jar, or an entry that is not a file URI: keep the entry as it is
            return List.of();
        }
    }
}
