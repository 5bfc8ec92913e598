package coop.cluster.membership.member;

import static coop.cluster.membership.member.domain.OrganisationType.ASSOCIATION;
import static coop.cluster.membership.member.domain.OrganisationType.RESEARCH;
import static coop.cluster.membership.member.domain.OrganisationType.SME;
import static coop.cluster.membership.member.domain.ResourceType.CONTACTS;
import static coop.cluster.membership.member.domain.ResourceType.EQUIPMENT;
import static coop.cluster.membership.member.domain.ResourceType.EXPERTISE;
import static coop.cluster.membership.member.domain.ResourceType.PREMISES;
import static coop.cluster.membership.member.domain.ResourceType.SERVICES;
import static coop.cluster.membership.member.domain.SizeBand.MEDIUM;
import static coop.cluster.membership.member.domain.SizeBand.MICRO;
import static coop.cluster.membership.member.domain.SizeBand.SMALL;

import coop.cluster.membership.member.domain.ContactPerson;
import coop.cluster.membership.member.domain.Member;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.member.domain.MemberStatus;
import coop.cluster.membership.member.domain.OfferedResource;
import coop.cluster.membership.member.domain.OrganisationType;
import coop.cluster.membership.member.domain.Profile;
import coop.cluster.membership.member.domain.ResourceType;
import coop.cluster.membership.member.domain.SizeBand;
import coop.cluster.plumbing.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * A demo cluster, for development only ({@code cluster.demo.enabled=true}, which {@code ./platform
 * run} sets).
 *
 * <ul>
 *   <li>The organisations of the demo users (docs/identity.md), so that a demo user's {@code
 *       member_id} names a real, active member. Delta Mecatronique's delegate, {@code delphine}, is
 *       appointed; Atlas Agritech and Brabant Photonics have none yet, so the demo can appoint
 *       {@code camille} and {@code dario}. A delegate must be one of the member's people, which
 *       membership learns from the identity service's events; the identity service announces its
 *       demo people ({@code amina}, {@code bruno}, {@code camille}, {@code dario}, {@code
 *       delphine}) when it starts, possibly after this seed ran, so {@code delphine} is seated
 *       without that check ({@link Members#seatDemoDelegate}, for this seed only). Her "joined"
 *       arriving later changes nothing; a "left" would take the seat away as for anyone. Atlas
 *       Agritech and Delta Mecatronique chose to be listed on the public page ({@code GET
 *       /api/public/members}), Brabant Photonics did not.
 *   <li>Clusters named in the programme texts this product draws on (the Cluster Mentoring Reloaded
 *       programme's Moroccan, Tunisian, Egyptian, Palestinian and Jordanian participants; Paris
 *       cultural clusters), as active members so the directory has something to search. Their
 *       registration numbers and contacts are invented ({@code DEMO-...},
 *       {@code @demo.cluster.example}). None is listed on the public page.
 * </ul>
 *
 * Everything goes through the ordinary application and admission path, events included, and only
 * once: a member already present is left alone.
 */
@Component
@ConditionalOnProperty(name = "cluster.demo.enabled", havingValue = "true")
class DemoMembers {

    private static final Logger log = LoggerFactory.getLogger(DemoMembers.class);

    record Demo(
            String id,
            String legalName,
            String registrationNumber,
            String country,
            String region,
            List<String> sectors,
            OrganisationType type,
            SizeBand size,
            List<String> competences,
            List<OfferedResource> resources,
            String contact,
            String description,
            String delegate,
            boolean listedPublicly) {}

    static final List<Demo> ORGANISATIONS =
            List.of(
                    new Demo(
                            "11111111-1111-4111-8111-111111111111",
                            "Atlas Agritech SARL",
                            "RC-CASA-482113",
                            "MA",
                            null,
                            List.of("A01.6", "J62.01"),
                            SME,
                            SMALL,
                            List.of(
                                    "precision irrigation",
                                    "iot sensors",
                                    "agronomy",
                                    "data analytics"),
                            List.of(
                                    res(EQUIPMENT, "soil and weather sensor test bench"),
                                    res(EXPERTISE, "drip irrigation design")),
                            "Amina",
                            "Sensors and software that save water " + "on Moroccan farms.",
                            null,
                            true),
                    new Demo(
                            "22222222-2222-4222-8222-222222222222",
                            "Brabant Photonics SA",
                            "BE-0712.345.678",
                            "BE",
                            "BE24",
                            List.of("C26.7", "M72.1"),
                            SME,
                            MEDIUM,
                            List.of("photonics", "optical sensors", "laser machining"),
                            List.of(
                                    res(EQUIPMENT, "clean room, class ISO 7"),
                                    res(PREMISES, "shared lab bench in Leuven")),
                            "Bruno",
                            "Optical sensing for agriculture " + "and industry.",
                            null,
                            false),
                    new Demo(
                            "33333333-3333-4333-8333-333333333333",
                            "Delta Mecatronique SAS",
                            "FR-852-147-963",
                            "FR",
                            "FRK26",
                            List.of("C28.4", "C33.1"),
                            SME,
                            SMALL,
                            List.of("mechatronics", "robotics", "predictive maintenance"),
                            List.of(
                                    res(SERVICES, "prototype machining"),
                                    res(EXPERTISE, "industrial automation")),
                            "Delphine",
                            "Robotic cells for small series.",
                            "delphine",
                            true),
                    demo(
                            "Maroc Numeric Cluster",
                            "MA",
                            null,
                            List.of("J62", "J63"),
                            ASSOCIATION,
                            SMALL,
                            List.of("software", "digital transformation", "cybersecurity"),
                            CONTACTS,
                            "Digital companies of Morocco working together on innovation"
                                    + " projects."),
                    demo(
                            "Cluster Textile Technique Marocain (C2TM)",
                            "MA",
                            null,
                            List.of("C13.9"),
                            ASSOCIATION,
                            SMALL,
                            List.of("technical textiles", "composites"),
                            EXPERTISE,
                            "Technical textile makers and their research partners."),
                    demo(
                            "Cluster Electronique, Mecatronique et Mecanique (CE3M)",
                            "MA",
                            null,
                            List.of("C26", "C28"),
                            ASSOCIATION,
                            SMALL,
                            List.of("electronics", "mechatronics", "embedded systems"),
                            EQUIPMENT,
                            "Electronics, mechatronics and mechanics industries of Morocco."),
                    demo(
                            "Pole de Competitivite Agrinova",
                            "MA",
                            null,
                            List.of("A01", "C10"),
                            ASSOCIATION,
                            MICRO,
                            List.of("agri-food", "food processing", "agronomy"),
                            EXPERTISE,
                            "Agri-food innovation in the Oriental region."),
                    demo(
                            "Cluster Mecatronique de Tunisie",
                            "TN",
                            null,
                            List.of("C28", "C29.3"),
                            ASSOCIATION,
                            SMALL,
                            List.of("mechatronics", "automotive components", "robotics"),
                            SERVICES,
                            "Mechatronics companies of Sousse and their partners."),
                    demo(
                            "Cluster de l'huile d'olive du Nord-Ouest",
                            "TN",
                            null,
                            List.of("C10.4", "A01.2"),
                            ASSOCIATION,
                            MICRO,
                            List.of("olive oil", "quality labelling", "export"),
                            CONTACTS,
                            "Olive growers and mills of north-west Tunisia."),
                    demo(
                            "Cluster Marbre",
                            "TN",
                            null,
                            List.of("B08.1", "C23.7"),
                            ASSOCIATION,
                            MICRO,
                            List.of("marble", "stone cutting"),
                            EQUIPMENT,
                            "Marble quarries and workshops of Thala."),
                    demo(
                            "Egyptian Renewable Energy Cluster Initiative (ERECI)",
                            "EG",
                            null,
                            List.of("D35.1", "C27.1"),
                            ASSOCIATION,
                            SMALL,
                            List.of("solar energy", "wind energy", "energy storage"),
                            EXPERTISE,
                            "Seven Egyptian renewable energy clusters."),
                    demo(
                            "Cluster House of Furniture",
                            "PS",
                            null,
                            List.of("C31"),
                            ASSOCIATION,
                            MICRO,
                            List.of("furniture", "wood working", "design"),
                            PREMISES,
                            "Furniture makers of Palestine."),
                    demo(
                            "Hebron Leather and Shoe Cluster",
                            "PS",
                            null,
                            List.of("C15"),
                            ASSOCIATION,
                            MICRO,
                            List.of("leather", "footwear"),
                            SERVICES,
                            "Leather and shoe makers of Hebron."),
                    demo(
                            "ICT Association of Jordan (int@j)",
                            "JO",
                            null,
                            List.of("J62", "J61"),
                            ASSOCIATION,
                            SMALL,
                            List.of("software", "telecommunications", "digital transformation"),
                            CONTACTS,
                            "The voice of Jordan's ICT sector."),
                    demo(
                            "Le Mila",
                            "FR",
                            "FR101",
                            List.of("R90", "J59.2"),
                            ASSOCIATION,
                            MICRO,
                            List.of("music industry", "shared premises"),
                            PREMISES,
                            "Music professionals of the 18th arrondissement sharing rent and"
                                    + " premises."),
                    demo(
                            "Paris Mix",
                            "FR",
                            "FR101",
                            List.of("J59.2", "R90"),
                            ASSOCIATION,
                            MICRO,
                            List.of("world music", "shared jobs", "web"),
                            SERVICES,
                            "Shares the jobs its music members need, such as a webmaster."),
                    demo(
                            "Le Damier",
                            "FR",
                            "FRK14",
                            List.of("R90", "M73"),
                            ASSOCIATION,
                            MICRO,
                            List.of("funding watch", "trade fairs", "administrative support"),
                            SERVICES,
                            "Watches calls for projects and accompanies members to fairs and"
                                    + " festivals."),
                    demo(
                            "Institut de Recherche en Photonique Appliquee",
                            "FR",
                            "FRK26",
                            List.of("M72.1"),
                            RESEARCH,
                            MEDIUM,
                            List.of("photonics", "optical sensors", "materials"),
                            EQUIPMENT,
                            "Public research laboratory; demo organisation."));

    private final Members members;

    DemoMembers(Members members) {
        this.members = members;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        log.warn(
                "Demo data enabled (cluster.demo.enabled): filing the demo cluster's {} members if"
                        + " missing",
                ORGANISATIONS.size());
        for (Demo demo : ORGANISATIONS) {
            try {
                seed(demo);
            } catch (ProblemException | DuplicateKeyException e) {
                log.info("Demo organisation {} already present", demo.legalName());
            }
        }
    }

    private void seed(Demo demo) {
        MemberId id = new MemberId(demo.id());
        Member member = members.find(id).orElse(null);
        if (member == null) {
            Profile profile =
                    Profile.of(
                            demo.legalName(),
                            demo.registrationNumber(),
                            demo.country(),
                            demo.region(),
                            demo.sectors(),
                            demo.type(),
                            demo.size(),
                            demo.competences(),
                            demo.resources(),
                            List.of(
                                    new ContactPerson(
                                            demo.contact(),
                                            "cluster contact",
                                            demo.contact().toLowerCase().replaceAll("[^a-z]", "")
                                                    + "@demo.cluster.example",
                                            null)),
                            demo.description(),
                            null);
            member = members.apply(id, profile, demo.listedPublicly());
        }
        if (member.status() == MemberStatus.APPLIED) {
            member = members.admit(id, "demo cluster", member.version());
        }
        if (demo.delegate() != null && member.isActive() && member.delegate() == null) {
            // straight to the seat: the identity service announces the demo people when it starts,
            // maybe later
            members.seatDemoDelegate(id, demo.delegate(), demo.contact(), member.version());
        }
    }

    private static Demo demo(
            String name,
            String country,
            String region,
            List<String> sectors,
            OrganisationType type,
            SizeBand size,
            List<String> competences,
            ResourceType offers,
            String description) {
        String id =
                UUID.nameUUIDFromBytes(("demo-member:" + name).getBytes(StandardCharsets.UTF_8))
                        .toString();
        String registration = "DEMO-" + country + "-" + id.substring(0, 8).toUpperCase();
        return new Demo(
                id,
                name,
                registration,
                country,
                region,
                sectors,
                type,
                size,
                competences,
                List.of(res(offers, description)),
                "Contact " + name.split(" ")[0],
                description,
                null,
                false);
    }

    private static OfferedResource res(ResourceType type, String description) {
        return new OfferedResource(type, description);
    }
}
