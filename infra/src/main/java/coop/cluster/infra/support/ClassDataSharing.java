package coop.cluster.infra.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Dynamic class-data-sharing archives ({@code -XX:+AutoCreateSharedArchive}, JDK 19+): the JVM
 * writes the archive when it exits cleanly and maps it on the next start, about a second less per
 * start of the broker.
 *
 * <p>The JDK refuses an archive whose classpath jars changed (a rebuild) and then does not write a
 * new one either, so the archive name carries a fingerprint of the jars (path, size, time) and of
 * the JDK: a rebuild simply leads to a new archive, and {@link #removeStale} deletes the old ones.
 */
public final class ClassDataSharing {

    private ClassDataSharing() {}

    /** The archive for {@code name} and this exact classpath, in {@code dir}. */
    public static Path archive(Path dir, String name, String classpath) {
        return dir.resolve(name + "-" + fingerprint(classpath) + ".jsa");
    }

    /** JVM options that use (and on first use create) {@code archive}; none before JDK 19. */
    public static List<String> options(Path archive) {
        if (Runtime.version().feature() < 19) {
            return List.of();
        }
        // the dump at exit warns about every class it skips (proxies, JFR events...): keep only
        // errors
        return List.of(
                "-XX:SharedArchiveFile=" + archive,
                "-XX:+AutoCreateSharedArchive",
                "-Xlog:cds*=error");
    }

    /** Deletes the other archives of the same name in the same directory. */
    public static void removeStale(Path archive) {
        Path dir = archive.getParent();
        String file = archive.getFileName().toString();
        String prefix = file.substring(0, file.lastIndexOf('-') + 1);
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> archives = Files.newDirectoryStream(dir, prefix + "*.jsa")) {
            for (Path old : archives) {
                String oldName = old.getFileName().toString();
                boolean sameName = oldName.substring(prefix.length()).matches("[0-9a-f]+\\.jsa");
                if (sameName && !old.equals(archive)) {
                    Files.deleteIfExists(old);
                }
            }
        } catch (IOException e) {
            // another JVM may be writing or using it: a stale archive only costs disk space
            System.err.println(
                    "could not remove stale CDS archives in " + dir + ": " + e.getMessage());
        }
    }

    /** A digest of the JDK and of every classpath entry's path, size and modification time. */
    static String fingerprint(String classpath) {
        StringBuilder sb =
                new StringBuilder(Runtime.version().toString())
                        .append('|')
                        .append(System.getProperty("java.home"));
        for (Path entry : entries(classpath)) {
            sb.append('|').append(entry);
            try {
                BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class);
                sb.append(':')
                        .append(attrs.size())
                        .append(':')
                        .append(attrs.lastModifiedTime().toMillis());
            } catch (IOException e) {
                sb.append(":missing");
            }
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The classpath entries, with {@code dir/*} expanded to the jars of {@code dir} in name order.
     */
    static List<Path> entries(String classpath) {
        List<Path> entries = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            if (entry.endsWith("*")) {
                Path dir = Path.of(entry.substring(0, entry.length() - 1));
                try (Stream<Path> jars = Files.list(dir)) {
                    jars.filter(j -> j.getFileName().toString().endsWith(".jar"))
                            .sorted()
                            .forEach(entries::add);
                } catch (IOException e) {
                    entries.add(dir);
                }
            } else {
                entries.add(Path.of(entry));
            }
        }
        return entries;
    }
}
