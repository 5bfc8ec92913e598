package coop.cluster.auth.people;

import coop.cluster.auth.people.domain.Email;
import coop.cluster.auth.people.domain.Person;
import coop.cluster.auth.people.persistence.PersonStore;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The login form's users: people, looked up by email without case. The {@link UserDetails}' user
 * name is the person's id, not the email, so the authorization's principal, and so every token's
 * {@code sub}, is the person id. A disabled person, or one without a password yet, is refused
 * (Spring answers "bad credentials" either way, as for an unknown email). The authorities are the
 * person's roles; the tokens' {@code roles} are computed again at token time ({@code
 * ClusterTokenClaims}), from the organisation's current status.
 */
public class PersonDetailsService implements UserDetailsService {

    private final PersonStore people;

    public PersonDetailsService(PersonStore people) {
        this.people = people;
    }

    @Override
    public UserDetails loadUserByUsername(String login) {
        if (login == null || !Email.isValid(login)) {
            throw new UsernameNotFoundException("not a known login");
        }
        Person person =
                people.findByEmail(new Email(login))
                        .filter(p -> p.passwordHash() != null)
                        .orElseThrow(() -> new UsernameNotFoundException("not a known login"));
        List<String> authorities = new ArrayList<>();
        person.claimRoles(true)
                .forEach(
                        role ->
                                authorities.add(
                                        "ROLE_"
                                                + role.toUpperCase(java.util.Locale.ROOT)
                                                        .replace('-', '_')));
        return User.withUsername(person.id())
                .password(person.passwordHash())
                .disabled(!person.isActive())
                .authorities(authorities.toArray(String[]::new))
                .build();
    }
}
