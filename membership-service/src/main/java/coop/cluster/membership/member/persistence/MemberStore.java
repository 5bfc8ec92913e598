package coop.cluster.membership.member.persistence;

import coop.cluster.membership.member.domain.Member;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.member.domain.MemberStatus;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/** Members in the store; every change goes out with its events in the same document write. */
@Repository
public class MemberStore {

    private final MongoTemplate mongo;
    private final OutboxWriter outbox;

    MemberStore(MongoTemplate mongo, OutboxWriter outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    public Member add(Member member, List<PendingEvent> events) {
        return toDomain(outbox.insert(toDocument(member), events));
    }

    public Optional<Member> find(MemberId id) {
        return Optional.ofNullable(mongo.findById(id.value(), MemberDocument.class)).map(MemberStore::toDomain);
    }

    private static MemberDocument toDocument(Member member) {
        return new MemberDocument(member.id().value(), member.legalName(), member.registrationNumber(),
                member.country(), member.status().name(), member.appliedAt(), member.version());
    }

    private static Member toDomain(MemberDocument document) {
        return new Member(new MemberId(document.id()), document.legalName(), document.registrationNumber(),
                document.country(), MemberStatus.valueOf(document.status()), document.appliedAt(),
                document.version());
    }
}
