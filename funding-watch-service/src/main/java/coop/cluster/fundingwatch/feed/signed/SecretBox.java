package coop.cluster.fundingwatch.feed.signed;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the signed feeds' secrets for the store, and decrypts them to verify signatures. An HMAC
 * is checked with the secret itself, so the store cannot keep a hash of it as it does of passwords:
 * it keeps it encrypted, with AES-256-GCM (javax.crypto, no extra library) under a key of the
 * configuration ({@code cluster.feeds.secret-key}), never in the store. Someone who reads the
 * store, a backup or a dump learns no secret.
 *
 * <p>A sealed secret reads {@code v1:<keyId>:<Base64url(iv ‖ ciphertext ‖ tag)>}: a fresh 96-bit IV
 * each time, and the feed id as additional authenticated data, so a sealed secret copied onto
 * another feed's document does not open. {@code keyId} is the first 4 bytes (hex) of the key's
 * SHA-256: it tells which key a secret needs, so a wrong key is reported as such, without revealing
 * the key.
 */
public final class SecretBox {

    private static final String VERSION = "v1";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = keyId(key);
    }

    /**
     * A sealed secret that this box cannot open: another key's, altered, or not a sealed secret at
     * all.
     */
    public static final class UnreadableSecret extends RuntimeException {

        UnreadableSecret(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The box of {@code cluster.feeds.secret-key}; empty when the setting is absent or blank.
     *
     * @throws IllegalArgumentException when the setting is not the Base64 of 32 bytes (the service
     *     does not start)
     */
    public static Optional<SecretBox> fromSetting(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            return Optional.empty();
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "cluster.feeds.secret-key is not Base64: give 32 random bytes in "
                            + "Base64 (openssl rand -base64 32)");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    "cluster.feeds.secret-key holds "
                            + key.length
                            + " bytes; an AES-256 "
                            + "key is 32 (openssl rand -base64 32)");
        }
        return Optional.of(new SecretBox(key));
    }

    /** Which key this is, as sealed secrets name it. */
    public String keyId() {
        return keyId;
    }

    /**
     * The key a sealed secret was encrypted with ({@link #keyId}), or null when it is not a sealed
     * secret.
     */
    public static String keyIdOf(String sealed) {
        String[] parts = sealed == null ? new String[0] : sealed.split(":", -1);
        return parts.length == 3 && VERSION.equals(parts[0]) ? parts[1] : null;
    }

    /** {@code secret} of {@code feedId}, encrypted for the store. */
    public String seal(String feedId, String secret) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, feedId);
            byte[] encrypted = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] sealed =
                    ByteBuffer.allocate(iv.length + encrypted.length)
                            .put(iv)
                            .put(encrypted)
                            .array();
            return VERSION
                    + ":"
                    + keyId
                    + ":"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * The secret {@link #seal} sealed for {@code feedId}.
     *
     * @throws UnreadableSecret when it was sealed with another key or for another feed, or was
     *     altered
     */
    public String open(String feedId, String sealed) {
        String sealedKey = keyIdOf(sealed);
        if (sealedKey == null) {
            throw new UnreadableSecret("not a sealed secret", null);
        }
        if (!sealedKey.equals(keyId)) {
            throw new UnreadableSecret(
                    "sealed with key " + sealedKey + ", this instance has key " + keyId, null);
        }
        try {
            byte[] bytes =
                    Base64.getUrlDecoder().decode(sealed.substring(sealed.lastIndexOf(':') + 1));
            if (bytes.length <= IV_BYTES) {
                throw new UnreadableSecret("truncated sealed secret", null);
            }
            Cipher cipher =
                    cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(bytes, IV_BYTES), feedId);
            return new String(
                    cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnreadableSecret(
                    "cannot decrypt the secret of feed '"
                            + feedId
                            + "' (altered, or sealed for "
                            + "another feed)",
                    e);
        }
    }

    private Cipher cipher(int mode, byte[] iv, String feedId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(("signed-feed:" + feedId).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static String keyId(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "SecretBox[keyId=" + keyId + "]";
    }
}
