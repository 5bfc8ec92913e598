package coop.cluster.auth.people;

import coop.cluster.auth.people.domain.Organisation;
import coop.cluster.auth.people.domain.Person;
import coop.cluster.auth.people.persistence.OrganisationStore;
import coop.cluster.auth.people.persistence.PersonStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A person's claims, read from the store at token time (each issue and each refresh): {@code roles}
 * holds the organisation's roles only while the organisation is an active member, and the staff
 * roles always; {@code member_id} is there only while it is active. So a person of a suspended,
 * excluded or departed organisation gets neither on their next token, and no call to another
 * service is made to know it.
 */
@Component
public class PersonClaims {

    public static final String ROLES = "roles";
    public static final String MEMBER_ID = "member_id";

    private final PersonStore people;
    private final OrganisationStore organisations;

    PersonClaims(PersonStore people, OrganisationStore organisations) {
        this.people = people;
        this.organisations = organisations;
    }

    /**
     * The claims of access tokens: {@code roles} and, while active, {@code member_id}; empty if no
     * such person.
     */
    public Optional<Map<String, Object>> accessClaims(String personId) {
        return people.find(personId).filter(Person::isActive).map(this::rights);
    }

    /**
     * The claims of ID tokens and userinfo: the rights plus {@code email}, {@code name} and {@code
     * locale}.
     */
    public Optional<Map<String, Object>> profileClaims(String personId) {
        return people.find(personId)
                .filter(Person::isActive)
                .map(
                        person -> {
                            Map<String, Object> claims = rights(person);
                            claims.put("email", person.email().value());
                            claims.put("name", person.displayName());
                            claims.put("locale", person.language().code());
                            return claims;
                        });
    }

    private Map<String, Object> rights(Person person) {
        boolean active =
                person.memberId() != null
                        && organisations
                                .find(person.memberId())
                                .map(Organisation::isActiveMember)
                                .orElse(false);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(ROLES, person.claimRoles(active));
        if (active) {
            claims.put(MEMBER_ID, person.memberId());
        }
        return claims;
    }
}
