package coop.cluster.auth.session.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import coop.cluster.auth.oauth.TokenHashes;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * The session repository on the embedded store: what a document holds (no session id in clear), id
 * changes in place, saves of changes only, expiry, a person's sessions ended, a tampered attribute.
 */
@EmbeddedInfraTest
class SessionStoreIT {

    private static final String DATABASE = "identity_sessions_it";
    private static final String CONTEXT =
            HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;

    private static MongoClient client;
    private static MongoTemplate mongo;

    private final MovableClock clock = new MovableClock();
    private SessionStore sessions;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(EmbeddedInfra.shared().mongoUri(DATABASE));
        mongo = new MongoTemplate(client, DATABASE);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void emptyCollection() {
        mongo.dropCollection(SessionStore.COLLECTION);
        sessions = new SessionStore(mongo, Duration.ofMinutes(30), clock);
        sessions.createIndexes();
    }

    private MongoCollection<Document> documents() {
        return mongo.getCollection(SessionStore.COLLECTION);
    }

    private static SecurityContextImpl loginOf(String person) {
        return new SecurityContextImpl(
                UsernamePasswordAuthenticationToken.authenticated(
                        person, null, List.of(new SimpleGrantedAuthority("ROLE_MEMBER"))));
    }

    @Test
    void aSessionIsReadBackAndItsIdIsKeptAsAHashOnly() {
        StoredSession session = sessions.createSession();
        session.setAttribute(CONTEXT, loginOf("amina"));
        session.setAttribute("org.example.with.dots", "value");
        sessions.save(session);

        StoredSession read = sessions.findById(session.getId());

        assertThat(read.getAttributeNames())
                .containsExactlyInAnyOrder(CONTEXT, "org.example.with.dots");
        assertThat(read.<SecurityContextImpl>getAttribute(CONTEXT).getAuthentication().getName())
                .isEqualTo("amina");
        assertThat(read.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(30));
        Document document = documents().find().first();
        assertThat(document.toJson()).doesNotContain(session.getId());
        assertThat(document.getString("idHash")).isEqualTo(TokenHashes.sha256(session.getId()));
        assertThat(document.getString("principal")).isEqualTo("amina");
        assertThat(document.getLong("maxInactiveSeconds")).isEqualTo(1800);
        assertThat(document.getDate("expiresAt").toInstant())
                .isEqualTo(
                        document.getDate("lastAccessedAt")
                                .toInstant()
                                .plus(Duration.ofMinutes(30)));
    }

    @Test
    void aNewIdIsAnUpdateOfTheSameDocument() {
        StoredSession session = sessions.createSession();
        session.setAttribute("step", "password");
        sessions.save(session);
        String before = session.getId();

        StoredSession read = sessions.findById(before);
        String after = read.changeSessionId();
        read.setAttribute(CONTEXT, loginOf("farid"));
        sessions.save(read);

        assertThat(after).isNotEqualTo(before);
        assertThat(sessions.findById(before)).as("the id before the login").isNull();
        StoredSession renewed = sessions.findById(after);
        assertThat(renewed.<String>getAttribute("step")).isEqualTo("password");
        assertThat(renewed.<SecurityContextImpl>getAttribute(CONTEXT).getAuthentication().getName())
                .isEqualTo("farid");
        assertThat(documents().countDocuments()).isEqualTo(1);
    }

    @Test
    void twoRequestsChangingDifferentAttributesKeepBothChanges() {
        StoredSession session = sessions.createSession();
        session.setAttribute("a", "1");
        session.setAttribute("b", "1");
        sessions.save(session);

        StoredSession first = sessions.findById(session.getId());
        StoredSession second = sessions.findById(session.getId());
        first.setAttribute("a", "2");
        second.removeAttribute("b");
        second.setAttribute("c", "3");
        sessions.save(first);
        sessions.save(second);

        StoredSession read = sessions.findById(session.getId());
        assertThat(read.<String>getAttribute("a")).isEqualTo("2");
        assertThat(read.getAttributeNames()).containsExactlyInAnyOrder("a", "c");
    }

    @Test
    void anExpiredSessionIsNotReadAndTheSweepDeletesExpiredOnes() {
        StoredSession idle = sessions.createSession();
        sessions.save(idle);
        StoredSession used = sessions.createSession();
        sessions.save(used);
        StoredSession recent = sessions.createSession();
        sessions.save(recent);

        clock.advance(Duration.ofMinutes(29));
        StoredSession stillThere = sessions.findById(used.getId());
        stillThere.setLastAccessedTime(clock.instant());
        sessions.save(stillThere);
        clock.advance(Duration.ofMinutes(2));

        assertThat(sessions.findById(idle.getId())).isNull();
        assertThat(
                        documents()
                                .countDocuments(
                                        Filters.eq("idHash", TokenHashes.sha256(idle.getId()))))
                .as("an expired session read is deleted")
                .isZero();
        assertThat(sessions.deleteExpired()).as("the sweep").isEqualTo(1);
        assertThat(sessions.countActive()).isEqualTo(1);
        assertThat(sessions.findById(used.getId())).isNotNull();
    }

    @Test
    void aPersonsSessionsEndTogether() {
        for (String person : List.of("amina", "amina", "farid")) {
            StoredSession session = sessions.createSession();
            session.setAttribute(CONTEXT, loginOf(person));
            sessions.save(session);
        }
        StoredSession anonymous = sessions.createSession();
        sessions.save(anonymous);

        assertThat(sessions.deleteByPrincipal("amina")).isEqualTo(2);
        assertThat(documents().countDocuments()).isEqualTo(2);
    }

    @Test
    void aSessionDeletedMeanwhileIsNotSavedAgain() {
        StoredSession session = sessions.createSession();
        sessions.save(session);
        StoredSession read = sessions.findById(session.getId());

        sessions.deleteById(session.getId());
        read.setAttribute("late", "write");
        sessions.save(read);

        assertThat(documents().countDocuments()).isZero();
    }

    @Test
    void aSessionWithAnUnreadableAttributeIsDropped() {
        StoredSession session = sessions.createSession();
        session.setAttribute("value", "x");
        sessions.save(session);
        documents()
                .updateOne(
                        Filters.exists("_id"),
                        Updates.set("attributes.value", new Binary(new byte[] {1, 2, 3})));

        assertThat(sessions.findById(session.getId())).isNull();
        assertThat(documents().countDocuments()).isZero();
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {

        private Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
