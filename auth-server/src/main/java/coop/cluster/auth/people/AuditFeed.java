package coop.cluster.auth.people;

import coop.cluster.auth.people.domain.AuditEntry;
import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit trail, built from identity's own events as published on {@code identity.people}: every
 * grant, revocation, invitation and login failure. Reading the topic (not writing beside each
 * change) means the trail holds exactly what the other services were told, and each entry is keyed
 * by its event id, so a redelivery adds nothing.
 */
@Configuration(proxyBeanMethods = false)
class AuditFeed {

    /**
     * Every type of the topic, those published by the other parts of the issuer (logins, clients)
     * included.
     */
    static final List<String> TYPES =
            List.of(
                    "cluster.identity.person.invited.v1",
                    "cluster.identity.person.registered.v1",
                    "cluster.identity.person.joined-organisation.v1",
                    "cluster.identity.person.roles-changed.v1",
                    "cluster.identity.person.left-organisation.v1",
                    "cluster.identity.access.revoked.v1",
                    "cluster.identity.login.failed.v1",
                    "cluster.identity.client.changed.v1");

    private final AuditTrail audit;

    AuditFeed(AuditTrail audit) {
        this.audit = audit;
    }

    @Bean
    @SuppressWarnings({"rawtypes", "unchecked"})
    EventSubscription identityPeopleForAudit() {
        EventSubscription.Builder builder =
                EventSubscription.named("audit").topics("identity.people");
        for (String type : TYPES) {
            builder.on(
                    type,
                    Map.class,
                    event -> record((ReceivedEvent<Map<String, Object>>) (ReceivedEvent) event));
        }
        return builder.build();
    }

    void record(ReceivedEvent<Map<String, Object>> event) {
        Map<String, Object> data = event.data() == null ? Map.of() : event.data();
        audit.record(
                new AuditEntry(
                        event.id(),
                        event.type(),
                        event.time(),
                        text(data, "personId"),
                        text(data, "memberId"),
                        by(data),
                        data));
    }

    private static String by(Map<String, Object> data) {
        for (String field : List.of("invitedBy", "changedBy", "by")) {
            String value = text(data, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(Map<String, Object> data, String field) {
        Object value = data.get(field);
        return value == null ? null : value.toString();
    }
}
