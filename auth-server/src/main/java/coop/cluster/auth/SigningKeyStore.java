package coop.cluster.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's RSA signing key, kept as a JWK (with its private part) in one file: generated on
 * first start, written with owner-only permissions, and read back on every later start, so that
 * tokens issued before a restart still verify after it (the {@code kid} is the key's RFC 7638
 * thumbprint, stable too).
 */
final class SigningKeyStore {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyStore.class);
    private static final int KEY_SIZE = 2048;
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
            EnumSet.of(
                    PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE);

    private SigningKeyStore() {}

    /** The key in {@code file}, created there first if there is none. */
    static RSAKey loadOrCreate(Path file) {
        Path target = file.toAbsolutePath().normalize();
        try {
            if (Files.exists(target)) {
                return load(target);
            }
            return create(target);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read or write the signing key file "
                            + target
                            + " (cluster.identity.signing-key-file)",
                    e);
        }
    }

    private static RSAKey load(Path file) throws IOException {
        RSAKey key;
        try {
            key = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IllegalStateException(
                    "The signing key file "
                            + file
                            + " does not hold an RSA JWK: "
                            + e.getMessage()
                            + ". Delete it to have a new key generated (tokens issued with the old"
                            + " key then stop verifying).",
                    e);
        }
        if (!key.isPrivate()) {
            throw new IllegalStateException(
                    "The signing key file " + file + " holds no private key");
        }
        warnIfReadableByOthers(file);
        log.info("Signing key {} read from {}", key.getKeyID(), file);
        return key;
    }

    private static RSAKey create(Path file) throws IOException {
        RSAKey key;
        try {
            key =
                    new RSAKeyGenerator(KEY_SIZE)
                            .keyUse(KeyUse.SIGNATURE)
                            .algorithm(JWSAlgorithm.RS256)
                            .keyIDFromThumbprint(true)
                            .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA signing key", e);
        }
        Path directory = file.getParent();
        boolean posix =
                Files.getFileStore(existingAncestor(directory))
                        .supportsFileAttributeView(PosixFileAttributeView.class);
        if (posix) {
            Files.createDirectories(
                    directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } else {
            Files.createDirectories(directory);
        }
        // Written to a private temporary file first, then moved into place: the key file is never
        // seen half-written,
        // and if another instance created it meanwhile, that one is kept.
        FileAttribute<?>[] attributes =
                posix
                        ? new FileAttribute<?>[] {
                            PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)
                        }
                        : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(directory, ".signing-key-", ".tmp", attributes);
        try {
            if (!posix) {
                restrictToOwner(temporary);
            }
            Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
            Files.move(temporary, file);
        } catch (FileAlreadyExistsException e) {
            log.info("Signing key file {} was created concurrently; using it", file);
            return load(file);
        } finally {
            Files.deleteIfExists(temporary);
        }
        log.info(
                "Signing key {} generated and written to {} (owner-only permissions)",
                key.getKeyID(),
                file);
        return key;
    }

    private static Path existingAncestor(Path path) {
        Path candidate = path;
        while (candidate != null && !Files.exists(candidate)) {
            candidate = candidate.getParent();
        }
        return candidate == null ? Path.of("").toAbsolutePath() : candidate;
    }

    private static void restrictToOwner(Path file) {
        var asFile = file.toFile();
        boolean restricted =
                asFile.setReadable(false, false)
                        & asFile.setReadable(true, true)
                        & asFile.setWritable(false, false)
                        & asFile.setWritable(true, true);
        if (!restricted) {
            log.warn("Could not restrict the permissions of {} to its owner", file);
        }
    }

    private static void warnIfReadableByOthers(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY_FILE.containsAll(permissions)) {
            log.warn(
                    "The signing key file {} is accessible to others ({}): restrict it with chmod"
                            + " 600",
                    file,
                    PosixFilePermissions.toString(permissions));
        }
    }
}
