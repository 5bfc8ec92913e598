package coop.cluster.auth.people.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secrets of one-time links (invitation, sign-up confirmation, password reset): 256 random
 * bits, sent to the person only. The store keeps their SHA-256, never the secret: whoever reads the
 * store cannot use a pending link. A plain hash suffices (no salt, no slow hash): the secret is
 * random and long, not a password to guess.
 */
public final class OneTimeLinks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OneTimeLinks() {}

    /** A new secret, URL-safe (43 characters). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What the store keeps of {@code secret}: its SHA-256, in hex. */
    public static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The purpose a link serves; a link of one purpose never works for another. */
    public enum Purpose {
        INVITATION,
        SIGN_UP,
        PASSWORD_RESET
    }
}
