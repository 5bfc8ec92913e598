package coop.cluster.fundingwatch.profile.persistence;

import coop.cluster.fundingwatch.profile.ProjectProfile;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import java.time.Clock;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The projects part of the matching view, collection {@value #COLLECTION}: one document per project
 * ({@code _id} = the project id) with its leader, title, description, theme, needs, target call,
 * status and partners (member ids, the leader included; index {@code {partners: 1}} for a member's
 * projects). See {@link ViewStore} for how it is written and read.
 */
@Repository
public class ProjectProfileStore extends ViewStore<ProjectProfile> {

    public static final String COLLECTION = "projects";
    static final String PARTNERS = "partners";

    public ProjectProfileStore(MongoTemplate mongo, IdempotentEffects effects, Clock clock) {
        super(COLLECTION, mongo, effects, clock);
    }

    /**
     * Writes the project's whole state as {@code project} has it, which replaces what the view had:
     * every field but the id (its {@code updatedAt} is the write's own), the leader kept as it was
     * when {@code project} names none.
     *
     * @return true if applied now, false if the event {@code eventId} had been applied already
     */
    public boolean state(String eventId, ProjectProfile project) {
        Update update =
                new Update()
                        .set("title", project.title())
                        .set("description", project.description())
                        .set("theme", project.theme())
                        .set("neededCompetences", project.neededCompetences())
                        .set("neededResources", project.neededResources())
                        .set("targetCallId", project.targetCallId())
                        .set("status", project.status())
                        .set(PARTNERS, project.partners());
        if (project.leaderId() != null) {
            update.set("leaderId", project.leaderId());
        }
        return applyOnce(project.projectId(), eventId, update);
    }

    /** Sets the project's status alone. @return false if the event had been applied already */
    public boolean status(String projectId, String eventId, String status) {
        return applyOnce(projectId, eventId, new Update().set("status", status));
    }

    /**
     * Adds the member to the project's set of partners. @return false if the event had been applied
     * already
     */
    public boolean addPartner(String projectId, String eventId, String memberId) {
        return applyOnce(projectId, eventId, new Update().addToSet(PARTNERS, memberId));
    }

    /**
     * Takes the member out of the project's partners. @return false if the event had been applied
     * already
     */
    public boolean removePartner(String projectId, String eventId, String memberId) {
        return applyOnce(projectId, eventId, new Update().pull(PARTNERS, memberId));
    }

    /**
     * The projects the member takes part in (as leader or partner), whatever their status, by id.
     */
    public List<ProjectProfile> projectsOf(String memberId) {
        return listing(PARTNERS, memberId);
    }

    @Override
    void ensureIndexes() {
        ensureIndex(PARTNERS);
    }

    @Override
    ProjectProfile read(Document d) {
        return toProject(d);
    }

    static ProjectProfile toProject(Document d) {
        return new ProjectProfile(
                d.getString("_id"),
                d.getString("leaderId"),
                d.getString("title"),
                d.getString("description"),
                d.getString("theme"),
                strings(d, "neededCompetences"),
                strings(d, "neededResources"),
                d.getString("targetCallId"),
                d.getString("status"),
                strings(d, PARTNERS),
                updatedAt(d));
    }
}
