package coop.cluster.membership.member.persistence;

import coop.cluster.membership.member.MemberChanges;
import coop.cluster.membership.member.domain.ContactPerson;
import coop.cluster.membership.member.domain.Delegate;
import coop.cluster.membership.member.domain.Member;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.member.domain.MemberStatus;
import coop.cluster.membership.member.domain.OfferedResource;
import coop.cluster.membership.member.domain.OrganisationType;
import coop.cluster.membership.member.domain.Profile;
import coop.cluster.membership.member.domain.ResourceType;
import coop.cluster.membership.member.domain.SizeBand;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import coop.cluster.plumbing.outbox.VersionedDocuments;
import io.micrometer.core.instrument.MeterRegistry;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Members in the store; every change goes out with its events in the same single-document write,
 * and is announced in this process after it is stored ({@link MemberChanges.Written}).
 */
@Repository
public class MemberStore {

    private final MongoTemplate mongo;
    private final ApplicationEventPublisher written;
    private final VersionedDocuments<Member, MemberDocument> members;

    MemberStore(
            MongoTemplate mongo,
            OutboxWriter outbox,
            Clock clock,
            ApplicationEventPublisher written,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.written = written;
        this.members =
                VersionedDocuments.of(
                                mongo,
                                outbox,
                                MemberDocument.class,
                                (Member member) -> toDocument(member, clock.instant()),
                                MemberStore::toDomain)
                        .keepingRecent("members", 20_000, Member::version, meters);
    }

    /**
     * @throws org.springframework.dao.DuplicateKeyException if the id or the registration number is
     *     taken
     */
    public Member add(Member member, List<PendingEvent> events) {
        return announce(members.insert(member, events));
    }

    /**
     * Runs a command on the member as this process last read or wrote it, and again on the stored
     * one if that attempt fails ({@link VersionedDocuments#decide}): a change costs the store its
     * write only, not a read first. The command must decide and {@link #update} — nothing else —
     * and gets an empty optional for an unknown member.
     */
    public <R> R decide(MemberId id, Function<Optional<Member>, R> command) {
        return members.decide(id.value(), command);
    }

    /**
     * Writes {@code member}'s new state if the stored version is still {@code member.version()}.
     *
     * @throws org.springframework.dao.OptimisticLockingFailureException if someone changed it in
     *     between
     */
    public Member update(Member member, List<PendingEvent> events) {
        return announce(members.update(member, events));
    }

    private Member announce(Member stored) {
        written.publishEvent(new MemberChanges.Written(stored));
        return stored;
    }

    /** The member as stored now. */
    public Optional<Member> find(MemberId id) {
        return members.find(id.value());
    }

    /** Members in {@code status} (all when null), oldest application first. */
    public Page<Member> list(MemberStatus status, Pageable page) {
        Query query =
                status == null
                        ? new Query()
                        : Query.query(Criteria.where("status").is(status.name()));
        return members.page(query, page, Sort.by("appliedAt", "_id"));
    }

    /**
     * The public page: active members listed by their choice, by legal name ignoring case and
     * accents.
     *
     * @param nameContains part of the legal name (case and accents ignored); null or blank for all
     * @param country an ISO 3166-1 alpha-2 code, upper case; null for all
     */
    public Page<Member> listedPublicly(String nameContains, String country, Pageable page) {
        Criteria criteria =
                Criteria.where("status")
                        .is(MemberStatus.ACTIVE.name())
                        .and("listedPublicly")
                        .is(true);
        if (nameContains != null && !nameContains.isBlank()) {
            criteria =
                    criteria.and("legalNameKey")
                            .regex(Pattern.quote(nameKey(nameContains.strip())));
        }
        if (country != null) {
            criteria = criteria.and("country").is(country);
        }
        return members.page(Query.query(criteria), page, Sort.by("legalNameKey", "_id"));
    }

    /** A legal name as the public page sorts and searches it: lower case, without accents. */
    static String nameKey(String legalName) {
        return ACCENTS.matcher(Normalizer.normalize(legalName, Normalizer.Form.NFD))
                .replaceAll("")
                .toLowerCase(Locale.ROOT);
    }

    private static final Pattern ACCENTS = Pattern.compile("\\p{M}+");

    /** Active members with an appointed delegate: the council's seats. */
    public List<Member> activeWithAnyDelegate() {
        Query query =
                Query.query(
                        Criteria.where("status")
                                .is(MemberStatus.ACTIVE.name())
                                .and("delegate")
                                .ne(null));
        return members.list(query);
    }

    /**
     * Members written at or after {@code since}, oldest write first, at most {@code limit}: the
     * feed the directory index follows ({@link MemberChanges}).
     */
    public List<MemberChanges.Change> changedSince(Instant since, int limit) {
        Query query =
                Query.query(Criteria.where("updatedAt").gte(since))
                        .with(Sort.by("updatedAt", "_id"))
                        .limit(limit);
        return mongo.find(query, MemberDocument.class).stream()
                .map(document -> new MemberChanges.Change(toDomain(document), document.updatedAt()))
                .toList();
    }

    private static MemberDocument toDocument(Member member, Instant now) {
        Profile p = member.profile();
        Delegate d = member.delegate();
        Delegate n = member.nominee();
        return new MemberDocument(
                member.id().value(),
                p.legalName(),
                p.registrationNumber(),
                p.registrationKey(),
                p.country(),
                p.region(),
                p.sectors(),
                p.organisationType().name(),
                p.sizeBand().name(),
                p.competences(),
                p.offeredResources().stream()
                        .map(r -> new MemberDocument.Resource(r.type().name(), r.description()))
                        .toList(),
                p.contacts().stream()
                        .map(
                                c ->
                                        new MemberDocument.Contact(
                                                c.name(), c.role(), c.email(), c.phone()))
                        .toList(),
                p.description(),
                p.website(),
                member.status().name(),
                member.appliedAt(),
                member.admittedAt(),
                member.statusChangedAt(),
                member.statusReason(),
                d == null
                        ? null
                        : new MemberDocument.DelegateDoc(
                                d.subject(), d.name(), d.email(), d.appointedAt()),
                n == null
                        ? null
                        : new MemberDocument.NomineeDoc(
                                n.subject(), n.name(), n.email(), n.appointedAt()),
                member.feeSuspensions(),
                member.listedPublicly(),
                nameKey(p.legalName()),
                now,
                member.version());
    }

    /** Documents filed before the full profile existed read with neutral defaults. */
    private static Member toDomain(MemberDocument doc) {
        Profile profile =
                new Profile(
                        doc.legalName(),
                        doc.registrationNumber(),
                        doc.country(),
                        doc.region(),
                        orEmpty(doc.sectors()),
                        doc.organisationType() == null
                                ? OrganisationType.SME
                                : OrganisationType.valueOf(doc.organisationType()),
                        doc.sizeBand() == null ? SizeBand.MICRO : SizeBand.valueOf(doc.sizeBand()),
                        orEmpty(doc.competences()),
                        orEmpty(doc.offeredResources()).stream()
                                .map(
                                        r ->
                                                new OfferedResource(
                                                        ResourceType.valueOf(r.type()),
                                                        r.description()))
                                .toList(),
                        orEmpty(doc.contacts()).stream()
                                .map(
                                        c ->
                                                new ContactPerson(
                                                        c.name(), c.role(), c.email(), c.phone()))
                                .toList(),
                        doc.description(),
                        doc.website());
        MemberDocument.DelegateDoc d = doc.delegate();
        MemberDocument.NomineeDoc n = doc.nominee();
        return new Member(
                new MemberId(doc.id()),
                profile,
                MemberStatus.valueOf(doc.status()),
                doc.appliedAt(),
                doc.admittedAt(),
                doc.statusChangedAt() == null ? doc.appliedAt() : doc.statusChangedAt(),
                doc.statusReason(),
                d == null ? null : new Delegate(d.subject(), d.name(), d.email(), d.appointedAt()),
                n == null ? null : new Delegate(n.subject(), n.name(), n.email(), n.nominatedAt()),
                orEmpty(doc.feeSuspensions()),
                Boolean.TRUE.equals(doc.listedPublicly()),
                doc.version());
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
