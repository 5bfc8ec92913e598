package coop.cluster.auth.upstream;

import coop.cluster.auth.people.People;
import coop.cluster.auth.people.domain.Email;
import coop.cluster.auth.people.domain.Person;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Links a login at an upstream provider to one of the platform's people: by the email the provider
 * says it has verified, and only to a person who already exists (invited, signed up, or granted a
 * staff role here). An upstream never creates people or grants roles: a cluster's people,
 * organisations and roles stay in the platform. The resulting principal's name is the person's id,
 * so the tokens this issuer then makes carry the same {@code sub} and claims as after a password
 * login.
 */
final class FederatedPeople implements OAuth2UserService<OidcUserRequest, OidcUser> {

    /** The attribute holding the person's id, used as the principal's name. */
    static final String PERSON_ID = "person_id";

    static final String NOT_LINKED = "upstream-not-linked";
    static final String EMAIL_NOT_VERIFIED = "upstream-email-not-verified";

    private static final Logger log = LoggerFactory.getLogger(FederatedPeople.class);

    private final OAuth2UserService<OidcUserRequest, OidcUser> upstream;
    private final People people;

    FederatedPeople(People people) {
        this(new OidcUserService(), people);
    }

    FederatedPeople(OAuth2UserService<OidcUserRequest, OidcUser> upstream, People people) {
        this.upstream = upstream;
        this.people = people;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = upstream.loadUser(request);
        String provider = request.getClientRegistration().getRegistrationId();
        String email = user.getEmail();
        if (email == null
                || !Email.isValid(email)
                || !Boolean.TRUE.equals(user.getEmailVerified())) {
            log.info(
                    "Upstream login refused: {} did not give a verified email for its subject {}",
                    provider,
                    user.getSubject());
            throw new OAuth2AuthenticationException(
                    new OAuth2Error(
                            EMAIL_NOT_VERIFIED,
                            "The provider did not confirm an email address",
                            null));
        }
        Person person =
                people.findByEmail(new Email(email))
                        .filter(Person::isActive)
                        .orElseThrow(
                                () -> {
                                    log.info(
                                            "Upstream login refused: nobody on the platform has the"
                                                    + " email {} verified by {}",
                                            email.toLowerCase(Locale.ROOT),
                                            provider);
                                    return new OAuth2AuthenticationException(
                                            new OAuth2Error(
                                                    NOT_LINKED,
                                                    "No account on the platform for this email",
                                                    null));
                                });
        Map<String, Object> claims = new LinkedHashMap<>();
        if (user.getUserInfo() != null) {
            claims.putAll(user.getUserInfo().getClaims());
        }
        claims.put("sub", user.getSubject());
        claims.put(PERSON_ID, person.id());
        claims.put("upstream", provider);
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        if (authorities.stream().noneMatch(a -> a instanceof FactorGrantedAuthority)) {
            // the factor this login proves, and when: the issuer's ID tokens take auth_time from it
            authorities.add(
                    FactorGrantedAuthority.withAuthority(
                                    FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY)
                            .issuedAt(Instant.now())
                            .build());
        }
        person.claimRoles(true)
                .forEach(
                        role ->
                                authorities.add(
                                        new SimpleGrantedAuthority(
                                                "ROLE_"
                                                        + role.toUpperCase(Locale.ROOT)
                                                                .replace('-', '_'))));
        log.info("Person {} logged in with upstream provider {}", person.id(), provider);
        return new DefaultOidcUser(
                authorities,
                withAuthenticationTime(user.getIdToken()),
                new OidcUserInfo(claims),
                PERSON_ID);
    }

    /**
     * The upstream's ID token with an {@code auth_time}: the ID tokens this issuer makes carry the
     * time the person authenticated, taken from it. Keycloak sets it; providers that do not (it is
     * optional unless asked for) logged the person in just now, so now it is.
     */
    private static OidcIdToken withAuthenticationTime(OidcIdToken token) {
        if (token.getAuthenticatedAt() != null) {
            return token;
        }
        Map<String, Object> claims = new LinkedHashMap<>(token.getClaims());
        claims.put(IdTokenClaimNames.AUTH_TIME, Instant.now());
        return new OidcIdToken(
                token.getTokenValue(), token.getIssuedAt(), token.getExpiresAt(), claims);
    }
}
