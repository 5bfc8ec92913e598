package coop.cluster.auth.people;

import coop.cluster.auth.people.domain.Email;
import coop.cluster.auth.people.domain.Invitation;
import coop.cluster.auth.people.domain.InvitationStatus;
import coop.cluster.auth.people.domain.Language;
import coop.cluster.auth.people.domain.StaffRole;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The first platform administrator, from the run configuration ({@code
 * cluster.identity.bootstrap-admin.email}): while nobody holds {@code platform-admin}, that address
 * is invited with it, never given a password here.
 *
 * <p>Idempotent across restarts and instances: the invitation's id derives from the address, so a
 * second instance's insert is refused by the store. At each start a pending bootstrap invitation
 * whose mail never went out, or which expired, gets a new link (nobody else could re-send it: there
 * is no platform administrator yet).
 */
@Component
class BootstrapAdmin {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);
    static final String BY = "bootstrap";

    private final People people;
    private final PeopleSettings settings;
    private final Clock clock;

    BootstrapAdmin(People people, PeopleSettings settings, Clock clock) {
        this.people = people;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(2)
    void inviteTheFirstAdministrator() {
        String address = settings.bootstrapAdmin().email();
        if (address == null || address.isBlank() || people.anyoneWith(StaffRole.PLATFORM_ADMIN)) {
            return;
        }
        Email email = new Email(address);
        String id =
                UUID.nameUUIDFromBytes(
                                ("bootstrap-admin:" + email.value())
                                        .getBytes(StandardCharsets.UTF_8))
                        .toString();
        try {
            Invitation invitation = people.findInvitation(id).orElse(null);
            if (invitation == null) {
                people.invite(
                        id,
                        email,
                        null,
                        Language.EN,
                        null,
                        Set.of(),
                        Set.of(StaffRole.PLATFORM_ADMIN),
                        BY);
                log.info(
                        "Invited {} as the first platform administrator"
                                + " (cluster.identity.bootstrap-admin.email)",
                        email);
            } else if (invitation.status() == InvitationStatus.PENDING
                    && (invitation.sentAt() == null || !invitation.isOpen(clock.instant()))) {
                people.resend(id);
                log.info("Sent the first platform administrator's invitation to {} again", email);
            }
        } catch (DuplicateKeyException another) {
            log.info("Another instance invited the first platform administrator");
        }
    }
}
