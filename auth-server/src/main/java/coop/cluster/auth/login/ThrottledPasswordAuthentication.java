package coop.cluster.auth.login;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The login form's authentication: the throttle first ({@link LoginThrottle}), then the password
 * (Spring Security's {@code DaoAuthenticationProvider}, which already checks a dummy hash for
 * unknown accounts so that they take as long as known ones).
 *
 * <p>Every refusal is the same {@link BadCredentialsException} with the same message: a wrong
 * password, an unknown account, a locked account, a disabled one; the form shows one text for all.
 * A refusal by the throttle still runs the password encoder once, on a dummy hash, so that it takes
 * as long as a checked password. Each refusal is recorded ({@link LoginFailures}, event {@code
 * cluster.identity.login.failed.v1}).
 */
public class ThrottledPasswordAuthentication implements AuthenticationProvider {

    /** The one answer to every refused login. */
    public static final String REFUSED = "Bad credentials";

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final LoginFailures failures;
    private final PasswordEncoder encoder;
    private final String dummyHash;

    public ThrottledPasswordAuthentication(
            AuthenticationProvider passwords,
            LoginThrottle throttle,
            LoginFailures failures,
            PasswordEncoder encoder) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.failures = failures;
        this.encoder = encoder;
        this.dummyHash = encoder.encode("not-a-password-" + System.nanoTime());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String login = LoginFailures.normalise(authentication.getName());
        String address = address(authentication);
        LoginThrottle.Verdict verdict = throttle.check(login, address);
        if (verdict.refused()) {
            encoder.matches(String.valueOf(authentication.getCredentials()), dummyHash);
            failures.record(login, address, LoginFailed.LOCKED);
            throw new BadCredentialsException(REFUSED);
        }
        Authentication authenticated;
        try {
            authenticated = passwords.authenticate(authentication);
        } catch (AuthenticationException e) {
            throttle.failed(login, address);
            failures.record(login, address, LoginFailed.BAD_CREDENTIALS);
            throw new BadCredentialsException(REFUSED);
        }
        if (verdict.accountHasFailures()) {
            throttle.succeeded(login);
        }
        return authenticated;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** The TCP peer (X-Forwarded-For is not trusted: the issuer sits behind no proxy of ours). */
    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                        && details.getRemoteAddress() != null
                ? details.getRemoteAddress()
                : "unknown";
    }
}
