package coop.cluster.fundingwatch.profile.persistence;

import coop.cluster.fundingwatch.profile.MemberProfile;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import java.time.Clock;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The members part of the matching view, collection {@value #COLLECTION}: one document per member
 * ({@code _id} = the member id) with its status and the parts of its public profile that calls are
 * matched against (see {@link ViewStore} for how it is written and read).
 */
@Repository
public class MemberProfileStore extends ViewStore<MemberProfile> {

    public static final String COLLECTION = "member_profiles";

    public MemberProfileStore(MongoTemplate mongo, IdempotentEffects effects, Clock clock) {
        super(COLLECTION, mongo, effects, clock);
    }

    /**
     * Writes the member's status and its whole public profile as {@code member} has them (legal
     * name, country, region, sectors, competences, description; its {@code updatedAt} is the
     * write's own).
     *
     * @return true if applied now, false if the event {@code eventId} had been applied already
     */
    public boolean profile(String eventId, MemberProfile member) {
        return applyOnce(
                member.memberId(),
                eventId,
                new Update()
                        .set("status", member.status())
                        .set("legalName", member.legalName())
                        .set("country", member.country())
                        .set("region", member.region())
                        .set("sectors", member.sectors())
                        .set("competences", member.competences())
                        .set("description", member.description()));
    }

    /**
     * Writes the member's status, and its legal name and country when given (not null); the rest of
     * its profile is left as it is (a member not seen before gets a document with these alone).
     *
     * @return true if applied now, false if the event {@code eventId} had been applied already
     */
    public boolean status(
            String memberId, String eventId, String status, String legalName, String country) {
        Update update = new Update().set("status", status);
        if (legalName != null) {
            update.set("legalName", legalName);
        }
        if (country != null) {
            update.set("country", country);
        }
        return applyOnce(memberId, eventId, update);
    }

    @Override
    MemberProfile read(Document d) {
        return toMember(d);
    }

    static MemberProfile toMember(Document d) {
        return new MemberProfile(
                d.getString("_id"),
                d.getString("status"),
                d.getString("legalName"),
                d.getString("country"),
                d.getString("region"),
                strings(d, "sectors"),
                strings(d, "competences"),
                d.getString("description"),
                updatedAt(d));
    }
}
