package coop.cluster.plumbing.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
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

/**
 * Maps a verified token to an authentication, explicitly: by default Spring turns only {@code
 * scope} into authorities. Each known name in the {@code roles} claim becomes {@code ROLE_<NAME>};
 * scopes stay {@code SCOPE_*}; unknown role names are ignored (and logged once each, so a
 * misconfigured issuer shows up). The {@link Caller} is attached as the authentication's details.
 */
public class ClusterJwtAuthenticationConverter
        implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final Logger log =
            LoggerFactory.getLogger(ClusterJwtAuthenticationConverter.class);
    private static final int MAX_REMEMBERED_UNKNOWN = 100;

    private final JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
    private final Set<String> unknownRolesSeen = ConcurrentHashMap.newKeySet();

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<ClusterRole> roles = roles(jwt);
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
        authorities.addAll(scopes.convert(jwt));
        JwtAuthenticationToken token =
                new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        token.setDetails(
                new Caller(
                        jwt.getSubject(),
                        roles,
                        text(jwt, ClusterClaims.MEMBER_ID),
                        text(jwt, ClusterClaims.FEED_ID)));
        return token;
    }

    private Set<ClusterRole> roles(Jwt jwt) {
        Set<ClusterRole> roles = EnumSet.noneOf(ClusterRole.class);
        Object claim = jwt.getClaims().get(ClusterClaims.ROLES);
        Collection<?> names =
                claim instanceof Collection<?> list
                        ? list
                        : claim instanceof String single
                                ? List.of(single.split("[ ,]+"))
                                : List.of();
        for (Object name : names) {
            String value = String.valueOf(name);
            Optional<ClusterRole> role = ClusterRole.fromClaim(value);
            if (role.isPresent()) {
                roles.add(role.get());
            } else if (unknownRolesSeen.size() < MAX_REMEMBERED_UNKNOWN
                    && unknownRolesSeen.add(value)) {
                log.warn("Ignoring unknown role '{}' in a token from {}", value, jwt.getIssuer());
            }
        }
        return roles;
    }

    private static Optional<String> text(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        return value == null || value.toString().isBlank()
                ? Optional.empty()
                : Optional.of(value.toString());
    }
}
