package coop.cluster.plumbing.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling: the subject, its roles, and the organisation (member) or feed it acts for.
 * Services decide object-level rights with it ("a member user edits only its own organisation"),
 * never with request fields.
 *
 * @param subject the token's {@code sub}: a user name or a client id
 * @param roles the platform roles the token grants
 * @param memberId the member organisation of a member or delegate user, if any
 * @param feedId the feed a feed client pushes for, if any
 */
public record Caller(
        String subject,
        Set<ClusterRole> roles,
        Optional<String> memberId,
        Optional<String> feedId) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** The caller of the current request; fails if the request is not authenticated. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            throw new IllegalStateException("no authenticated caller on this thread");
        }
        if (authentication.getDetails() instanceof Caller caller) {
            return caller;
        }
        if (authentication.getPrincipal() instanceof Caller caller) {
            return caller;
        }
        return new Caller(
                authentication.getName(),
                rolesOf(authentication.getAuthorities()),
                Optional.empty(),
                Optional.empty());
    }

    public boolean has(ClusterRole role) {
        return roles.contains(role);
    }

    public boolean hasAny(ClusterRole... wanted) {
        for (ClusterRole role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** True when the caller is a user of the given member organisation. */
    public boolean belongsTo(String member) {
        return member != null && memberId.filter(member::equals).isPresent();
    }

    /** True when the caller pushes for the given feed. */
    public boolean pushesFor(String feed) {
        return has(ClusterRole.FEED) && feed != null && feedId.filter(feed::equals).isPresent();
    }

    static Set<ClusterRole> rolesOf(Collection<? extends GrantedAuthority> authorities) {
        Set<ClusterRole> roles = EnumSet.noneOf(ClusterRole.class);
        for (GrantedAuthority authority : authorities) {
            for (ClusterRole role : ClusterRole.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }
}
