package coop.cluster.infra.store;

import de.bwaldvogel.mongo.bson.Document;
import java.util.function.Function;

/**
 * mongo-java-server 1.47 knows the legacy {@code isMaster} command but not its successor {@code
 * hello}, which Spring Boot's MongoDB health indicator sends: without this, every service's health
 * is DOWN against the store. {@code hello} is answered as {@code isMaster} plus {@code
 * isWritablePrimary}, as a standalone mongod does.
 */
public final class HelloCommand {

    private HelloCommand() {}

    public static boolean matches(String command) {
        return "hello".equalsIgnoreCase(command);
    }

    /**
     * @param isMaster runs the backend's own isMaster command
     */
    public static Document answer(Function<String, Document> isMaster) {
        Document response = isMaster.apply("isMaster");
        response.put("isWritablePrimary", Boolean.TRUE);
        return response;
    }
}
