package coop.cluster.membership.member;

import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.plumbing.web.ProblemException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The organisations of the demo users (docs/identity.md), so that a demo user's {@code member_id} names a real
 * member. Filed through the ordinary application path, events included, once: an organisation already present is
 * left alone. Development only: {@code cluster.demo.enabled=true}, which {@code ./platform run} sets.
 */
@Component
@ConditionalOnProperty(name = "cluster.demo.enabled", havingValue = "true")
class DemoMembers {

    private static final Logger log = LoggerFactory.getLogger(DemoMembers.class);

    record DemoMember(String id, String legalName, String registrationNumber, String country) {
    }

    static final List<DemoMember> ORGANISATIONS = List.of(
            new DemoMember("11111111-1111-4111-8111-111111111111", "Atlas Agritech SARL", "RC-CASA-482113", "MA"),
            new DemoMember("22222222-2222-4222-8222-222222222222", "Brabant Photonics SA", "BE-0712.345.678", "BE"),
            new DemoMember("33333333-3333-4333-8333-333333333333", "Delta Mecatronique SAS", "FR-852-147-963", "FR"));

    private final Applications applications;

    DemoMembers(Applications applications) {
        this.applications = applications;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        log.warn("Demo data enabled (cluster.demo.enabled): filing the demo organisations if missing");
        for (DemoMember demo : ORGANISATIONS) {
            MemberId id = new MemberId(demo.id());
            if (applications.find(id).isPresent()) {
                continue;
            }
            try {
                applications.apply(id, demo.legalName(), demo.registrationNumber(), demo.country());
            } catch (ProblemException | org.springframework.dao.DuplicateKeyException e) {
                log.info("Demo organisation {} already present", demo.legalName());
            }
        }
    }
}
