package coop.cluster.membership.member.persistence;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** How a member is stored. Never leaves this package: the domain and the web layer see {@code Member}. */
@Document("members")
record MemberDocument(@Id String id, String legalName, @Indexed(unique = true) String registrationNumber,
                      String country, String status, Instant appliedAt, @Version Long version) {
}
