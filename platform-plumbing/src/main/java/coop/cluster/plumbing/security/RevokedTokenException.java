package coop.cluster.plumbing.security;

import org.springframework.security.oauth2.jwt.BadJwtException;

/**
 * A token that is valid in itself but was issued at or before a revocation of its subject or member
 * ({@link Revocations}). A {@link BadJwtException}, so the resource server treats it as any refused
 * token (401, never the 503 of an issuer out of reach); {@link SecurityProblemHandlers} answers it
 * {@code token-revoked}.
 */
public class RevokedTokenException extends BadJwtException {

    public RevokedTokenException(String message) {
        super(message);
    }
}
