package coop.cluster.notification.unsubscribe;

import coop.cluster.notification.notify.Kind;
import coop.cluster.notification.unsubscribe.persistence.SecretStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The one-click unsubscribe links' tokens: {@code base64url(personId NUL kind) "."
 * base64url(HMAC-SHA256)}. The key is made at random by the first instance that needs it and kept
 * in the service's own store ({@link SecretStore}, collection {@code secrets}, inserted once: every
 * instance and every restart uses the same one), so no secret is committed or configured. A token
 * says who and what, and cannot be forged for another person or kind; it does not expire (an
 * unsubscribe link in an old mail must still work, RFC 8058).
 */
@Component
public class UnsubscribeTokens {

    static final String KEY_ID = "unsubscribe-hmac";

    private final SecretStore secrets;
    private volatile byte[] key;

    UnsubscribeTokens(SecretStore secrets) {
        this.secrets = secrets;
    }

    public String issue(String personId, Kind kind) {
        byte[] claim = (personId + '\u0000' + kind.code()).getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(claim) + "." + b64.encodeToString(mac(claim));
    }

    /** Who and which kind, if the token is one this service issued. */
    public Optional<Subscription> verify(String token) {
        if (token == null || token.length() > 1000) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            byte[] claim = b64.decode(token.substring(0, dot));
            byte[] signature = b64.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(mac(claim), signature)) {
                return Optional.empty();
            }
            String[] parts = new String(claim, StandardCharsets.UTF_8).split("\u0000", 2);
            if (parts.length != 2) {
                return Optional.empty();
            }
            return Kind.ofCode(parts[1]).map(kind -> new Subscription(parts[0], kind));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    public record Subscription(String personId, Kind kind) {}

    private byte[] mac(byte[] claim) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return mac.doFinal(claim);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private byte[] key() {
        byte[] known = key;
        if (known != null) {
            return known;
        }
        byte[] value =
                secrets.secret(
                        KEY_ID,
                        () -> {
                            byte[] fresh = new byte[32];
                            new SecureRandom().nextBytes(fresh);
                            return fresh;
                        });
        key = value;
        return value;
    }
}
