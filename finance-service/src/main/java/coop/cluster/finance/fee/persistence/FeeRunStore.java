package coop.cluster.finance.fee.persistence;

import java.util.Date;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The fee years whose yearly invoicing run finished, in {@value #RUNS}: one document per fee year
 * ({@code _id}).
 */
@Repository
public class FeeRunStore {

    public static final String RUNS = "fee_runs";

    private final MongoTemplate mongo;

    public FeeRunStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public boolean done(int feeYear) {
        return mongo.exists(Query.query(Criteria.where("_id").is(feeYear)), RUNS);
    }

    /** Remembers the run of a fee year as finished; another instance may have done so already. */
    public void finished(int feeYear, int invoiced, int exempt) {
        try {
            mongo.insert(
                    new Document("_id", feeYear)
                            .append("completedAt", new Date())
                            .append("invoiced", invoiced)
                            .append("exempt", exempt),
                    RUNS);
        } catch (DuplicateKeyException anotherInstance) {
            // another instance finished the same run
        }
    }
}
