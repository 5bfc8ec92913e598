package coop.cluster.auth.mfa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * Who must give a second factor, and the authority that says they did ({@value #TOTP_AUTHORITY}, a
 * {@link FactorGrantedAuthority} beside Spring Security's {@code FACTOR_PASSWORD}).
 *
 * <p>Only logins through this issuer's pages are concerned: a request authenticated by a bearer
 * token ({@code FACTOR_BEARER}, e.g. the clients API) carries a token that was issued after both
 * factors.
 */
public final class SecondFactorPolicy {

    /**
     * The factor of a TOTP code; Spring Security names its own factors {@code FACTOR_PASSWORD},
     * {@code FACTOR_OTT}...
     */
    public static final String TOTP_AUTHORITY = "FACTOR_TOTP";

    private final Set<String> requiredAuthorities;

    public SecondFactorPolicy(MfaProperties properties) {
        this.requiredAuthorities = Set.copyOf(properties.requiredAuthorities());
    }

    /** True for a login (not a bearer token) of a person with a role that needs a second factor. */
    public boolean requires(Authentication authentication) {
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AbstractOAuth2TokenAuthenticationToken<?>
                || has(authentication, FactorGrantedAuthority.BEARER_AUTHORITY)) {
            return false;
        }
        return authentication.getAuthorities().stream()
                .anyMatch(authority -> requiredAuthorities.contains(authority.getAuthority()));
    }

    /**
     * True once a first factor is checked: the password, or a login at an upstream provider ({@code
     * FACTOR_AUTHORIZATION_CODE}, docs/identity.md). The second-factor pages are for such logins
     * only, and staff who log in with an upstream provider still give their code here.
     */
    public static boolean passwordChecked(Authentication authentication) {
        return authentication != null
                && authentication.isAuthenticated()
                && (has(authentication, FactorGrantedAuthority.PASSWORD_AUTHORITY)
                        || has(
                                authentication,
                                FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY));
    }

    /** True for a login with an upstream provider rather than a password (docs/identity.md). */
    public static boolean upstreamLogin(Authentication authentication) {
        return authentication != null
                && has(authentication, FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY)
                && !has(authentication, FactorGrantedAuthority.PASSWORD_AUTHORITY);
    }

    public static boolean secondFactorGiven(Authentication authentication) {
        return authentication != null && has(authentication, TOTP_AUTHORITY);
    }

    /** The same login with the TOTP factor added, issued now. */
    public static Authentication withSecondFactor(Authentication authentication, Instant now) {
        List<GrantedAuthority> authorities =
                new ArrayList<>(
                        authentication.getAuthorities().stream()
                                .filter(
                                        authority ->
                                                !TOTP_AUTHORITY.equals(authority.getAuthority()))
                                .toList());
        authorities.add(FactorGrantedAuthority.withAuthority(TOTP_AUTHORITY).issuedAt(now).build());
        UsernamePasswordAuthenticationToken upgraded =
                UsernamePasswordAuthenticationToken.authenticated(
                        authentication.getPrincipal(), null, authorities);
        upgraded.setDetails(authentication.getDetails());
        return upgraded;
    }

    private static boolean has(Authentication authentication, String authority) {
        return authentication.getAuthorities().stream()
                .anyMatch(a -> authority.equals(a.getAuthority()));
    }
}
