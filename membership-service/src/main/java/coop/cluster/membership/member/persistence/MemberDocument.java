package coop.cluster.membership.member.persistence;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How a member is stored. Never leaves this package: the domain and the web layer see {@code
 * Member}.
 *
 * @param registrationKey the registration number normalised for the uniqueness check (sparse:
 *     documents written before it existed have none)
 * @param nominee the nominated delegate who has not accepted yet
 * @param feeSuspensions the overdue invoices that suspended the member
 * @param listedPublicly the organisation's choice to be on the public page; documents written
 *     before it existed have none, which reads as false (nobody is listed without choosing it)
 * @param legalNameKey the legal name without case or accents, written with every write: the public
 *     page's order and its name filter (a member listed publicly was written since both exist, so
 *     has it)
 * @param updatedAt when the document was last written; the directory polls for changes by it
 */
@Document("members")
record MemberDocument(
        @Id String id,
        String legalName,
        String registrationNumber,
        @Indexed(unique = true, sparse = true) String registrationKey,
        String country,
        String region,
        List<String> sectors,
        String organisationType,
        String sizeBand,
        List<String> competences,
        List<Resource> offeredResources,
        List<Contact> contacts,
        String description,
        String website,
        @Indexed String status,
        Instant appliedAt,
        Instant admittedAt,
        Instant statusChangedAt,
        String statusReason,
        DelegateDoc delegate,
        NomineeDoc nominee,
        List<String> feeSuspensions,
        Boolean listedPublicly,
        String legalNameKey,
        @Indexed Instant updatedAt,
        @Version Long version) {

    record Resource(String type, String description) {}

    record Contact(String name, String role, String email, String phone) {}

    record DelegateDoc(@Indexed String subject, String name, String email, Instant appointedAt) {}

    /** A delegate nominated and not accepted yet; {@code nominatedAt} is when. */
    record NomineeDoc(String subject, String name, String email, Instant nominatedAt) {}
}
