package coop.cluster.auth.people;

import coop.cluster.auth.DemoIdentities;
import coop.cluster.auth.IdentityProperties.User;
import coop.cluster.auth.Role;
import coop.cluster.auth.people.domain.Email;
import coop.cluster.auth.people.domain.Language;
import coop.cluster.auth.people.domain.OrganisationRole;
import coop.cluster.auth.people.domain.Person;
import coop.cluster.auth.people.domain.StaffRole;
import coop.cluster.auth.people.persistence.OrganisationStore;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The demo cast of docs/identity.md as people (demo profile only, {@code
 * cluster.identity.demo.enabled}): ids {@code amina}, {@code manon}, ..., logins {@code
 * <name>@demo.cluster.coop}, password {@code demo}. They are made at each start through the same
 * application services as the flows (register, join the organisation, grant staff roles), each step
 * only if it is missing, so a restart or a second instance changes nothing.
 *
 * <p>The demo organisations are membership's demo seed: the view {@code organisations} records them
 * as active members unless it knows them already ({@link OrganisationStore#assumeActive}), so the
 * demo people have their rights before membership's events arrive; whatever those events say
 * afterwards wins. A demo person whose organisation left or was excluded does not join it again.
 */
@Component
@ConditionalOnBooleanProperty("cluster.identity.demo.enabled")
class DemoPeople {

    private static final Logger log = LoggerFactory.getLogger(DemoPeople.class);
    static final String DOMAIN = DemoIdentities.EMAIL_DOMAIN;
    private static final Map<String, Language> LANGUAGES =
            Map.of(
                    "amina",
                    Language.FR,
                    "bruno",
                    Language.EN,
                    "camille",
                    Language.FR,
                    "dario",
                    Language.EN,
                    "delphine",
                    Language.FR,
                    "manon",
                    Language.FR,
                    "farid",
                    Language.FR,
                    "fatou",
                    Language.FR);

    private final People people;
    private final OrganisationStore organisations;

    DemoPeople(People people, OrganisationStore organisations) {
        this.people = people;
        this.organisations = organisations;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(1)
    void seed() {
        for (User user : DemoIdentities.users(UnaryOperator.identity())) {
            Person person = registered(user);
            if (user.memberId() != null) {
                person = joined(person, user);
            }
            Set<StaffRole> staff = EnumSet.noneOf(StaffRole.class);
            user.roles()
                    .forEach(
                            role -> {
                                if (role == Role.MANAGER) {
                                    staff.add(StaffRole.MANAGER);
                                } else if (role == Role.FINANCE) {
                                    staff.add(StaffRole.FINANCE);
                                }
                            });
            if ("manon".equals(user.username())) {
                staff.add(StaffRole.PLATFORM_ADMIN);
            }
            if (!staff.isEmpty()) {
                people.grantStaffRoles(person, staff, "demo");
            }
        }
        log.warn(
                "Demo people are enabled (cluster.identity.demo.enabled=true): {} log in as"
                        + " <name>@{} with the well-known password of docs/identity.md. Development"
                        + " only, never in production.",
                LANGUAGES.keySet(),
                DOMAIN);
    }

    private Person registered(User user) {
        String id = user.username();
        return people.find(id)
                .orElseGet(
                        () -> {
                            try {
                                String name =
                                        id.substring(0, 1).toUpperCase(Locale.ROOT)
                                                + id.substring(1);
                                return people.registerDirectly(
                                        id,
                                        new Email(DemoIdentities.email(id)),
                                        DemoIdentities.PASSWORD,
                                        name,
                                        LANGUAGES.getOrDefault(id, Language.EN),
                                        "demo");
                            } catch (DuplicateKeyException anotherInstance) {
                                return people.person(id);
                            }
                        });
    }

    private Person joined(Person person, User user) {
        String memberId = user.memberId().toString();
        organisations.assumeActive(memberId);
        boolean ended = organisations.find(memberId).map(o -> o.status().isEnded()).orElse(false);
        if (ended || (person.memberId() != null && !memberId.equals(person.memberId()))) {
            return person;
        }
        Set<OrganisationRole> roles = EnumSet.noneOf(OrganisationRole.class);
        user.roles()
                .forEach(
                        role -> {
                            if (role == Role.MEMBER) {
                                roles.add(OrganisationRole.MEMBER);
                            } else if (role == Role.DELEGATE) {
                                roles.add(OrganisationRole.DELEGATE);
                            }
                        });
        return people.joinOrganisation(person, memberId, roles);
    }
}
