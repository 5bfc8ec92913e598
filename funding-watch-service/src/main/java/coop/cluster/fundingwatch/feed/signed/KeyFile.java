package coop.cluster.fundingwatch.feed.signed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The signed feeds' encryption key kept in a file ({@code cluster.feeds.secret-key-file}): Base64
 * of 32 random bytes, created once with owner-only permissions, then read. Two processes creating
 * it at once end up with the same key: the second one's creation fails and it reads the first
 * one's.
 */
final class KeyFile {

    private KeyFile() {}

    static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.writeString(
                            file,
                            Base64.getEncoder().encodeToString(key) + "\n",
                            StandardCharsets.US_ASCII,
                            StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    try {
                        Files.setPosixFilePermissions(
                                file, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException notPosix) {
                        // a file system without POSIX permissions: the directory's protect it
                    }
                } catch (FileAlreadyExistsException createdMeanwhile) {
                    // another instance made it first: read theirs
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read or create the signed feeds' key file " + file, e);
        }
    }
}
