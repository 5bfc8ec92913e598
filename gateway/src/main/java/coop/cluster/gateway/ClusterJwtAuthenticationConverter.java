package coop.cluster.gateway;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import reactor.core.publisher.Mono;

/**
 * Maps a verified token to an authentication, explicitly (docs/identity.md): by default Spring
 * turns only {@code scope} into authorities. Each known name in the {@code roles} claim becomes
 * {@code ROLE_<NAME>} ({@code ROLE_MEMBER}, {@code ROLE_DELEGATE}, {@code ROLE_MANAGER}, {@code
 * ROLE_FINANCE}, {@code ROLE_FEED}, {@code ROLE_ADMIN}, {@code ROLE_PLATFORM_ADMIN} for {@code
 * platform-admin}); scopes stay {@code SCOPE_*}; unknown role names are ignored and logged once
 * each. The principal name is {@code sub}.
 *
 * <p>The gateway only authenticates and makes coarse checks; the services map the same claims again
 * and decide roles and object rights themselves.
 */
final class ClusterJwtAuthenticationConverter
        implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    static final String ROLES_CLAIM = "roles";
    static final Set<String> KNOWN_ROLES =
            Set.of("member", "admin", "delegate", "manager", "finance", "platform-admin", "feed");

    private static final Logger log =
            LoggerFactory.getLogger(ClusterJwtAuthenticationConverter.class);
    private static final int MAX_REMEMBERED_UNKNOWN = 100;

    private final JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
    private final Set<String> unknownRolesSeen = ConcurrentHashMap.newKeySet();

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String role : roleNames(jwt)) {
            String name = role.trim().toLowerCase(Locale.ROOT);
            if (KNOWN_ROLES.contains(name)) {
                authorities.add(
                        new SimpleGrantedAuthority(
                                "ROLE_" + name.toUpperCase(Locale.ROOT).replace('-', '_')));
            } else if (!name.isEmpty()
                    && unknownRolesSeen.size() < MAX_REMEMBERED_UNKNOWN
                    && unknownRolesSeen.add(name)) {
                log.warn("Ignoring unknown role '{}' in a token from {}", name, jwt.getIssuer());
            }
        }
        authorities.addAll(scopes.convert(jwt));
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
    }

    private static List<String> roleNames(Jwt jwt) {
        Object claim = jwt.getClaims().get(ROLES_CLAIM);
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String single) {
            return List.of(single.split("[ ,]+"));
        }
        return List.of();
    }
}
