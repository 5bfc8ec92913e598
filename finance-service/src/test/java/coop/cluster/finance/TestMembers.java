package coop.cluster.finance;

import java.util.Date;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Members finance knows, as membership's events would have opened their accounts ({@code
 * member_accounts}): money recorded against a member by hand must name one (422 {@code
 * member-unknown} otherwise).
 */
public final class TestMembers {

    private TestMembers() {}

    /** Makes each id a known, active member. @return the first id */
    public static String known(MongoTemplate mongo, String... memberIds) {
        for (String id : memberIds) {
            mongo.upsert(
                    Query.query(Criteria.where("_id").is(id)),
                    new Update()
                            .set("legalName", "Member " + id)
                            .set("country", "FR")
                            .set("status", "ACTIVE")
                            .setOnInsert("openedAt", new Date()),
                    "member_accounts");
        }
        return memberIds.length == 0 ? null : memberIds[0];
    }
}
