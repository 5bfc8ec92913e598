package coop.cluster.notification.audience;

import java.util.Locale;
import java.util.Set;

/**
 * A person as notification-service knows them from the identity events: where to write to, in which
 * language, and what they are in their organisation.
 *
 * @param id the {@code sub} of their tokens
 * @param email null until an identity event gave it
 * @param language {@code fr} or {@code en}; French when unknown (the platform's first language)
 * @param memberId the member organisation they belong to, or null
 * @param roles roles in that organisation ({@code member}, {@code admin}, {@code delegate})
 * @param staffRoles {@code manager}, {@code finance}, {@code platform-admin}
 */
public record Person(
        String id,
        String email,
        String displayName,
        String language,
        String memberId,
        Set<String> roles,
        Set<String> staffRoles) {

    public Person {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        staffRoles = staffRoles == null ? Set.of() : Set.copyOf(staffRoles);
    }

    public Locale locale() {
        return "en".equalsIgnoreCase(language) ? Locale.ENGLISH : Locale.FRENCH;
    }

    public boolean reachableByEmail() {
        return email != null && !email.isBlank();
    }
}
