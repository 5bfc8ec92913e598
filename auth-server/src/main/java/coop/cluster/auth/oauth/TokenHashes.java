package coop.cluster.auth.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of token values, hex. The store keeps only these for authorization codes, access, refresh
 * and ID tokens: whoever reads the database (a backup, a dump) cannot use a live refresh token. The
 * values are long random strings (refresh tokens: 96 random bytes) or signed JWTs, so an unsalted
 * fast hash is enough: there is nothing to guess.
 */
public final class TokenHashes {

    private TokenHashes() {}

    public static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
