package coop.cluster.fundingwatch.profile;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The projects part of the matching view: the subscription {@code project-needs} reads {@code project.projects}
 * into the collection {@code projects}, one document per project ({@code _id} = the project id) with its leader,
 * theme, needs, target call, status and partners. created and updated carry the whole state, which replaces what the
 * view had; closed and abandoned set the status; partner joined and left add the partner to, or take it out of, the
 * set of partners. The agreement events are not read. A project's events arrive in order on one partition; each is
 * applied once.
 */
@Configuration(proxyBeanMethods = false)
class ProjectNeeds {

    static final String PARTNERS = "partners";

    private final ViewWriter writer;

    ProjectNeeds(ViewWriter writer) {
        this.writer = writer;
    }

    @Bean
    EventSubscription projectNeedsSubscription() {
        String project = ProjectEvents.PROJECT_PREFIX;
        String partner = ProjectEvents.PARTNER_PREFIX;
        return EventSubscription.named("project-needs")
                .topics(ProjectEvents.TOPIC)
                .on(project + "created.v1", ProjectEvents.Changed.class, this::changed)
                .on(project + "updated.v1", ProjectEvents.Changed.class, this::changed)
                .on(project + "closed.v1", ProjectEvents.Ended.class, e -> ended(e, "CLOSED"))
                .on(project + "abandoned.v1", ProjectEvents.Ended.class, e -> ended(e, "ABANDONED"))
                .on(partner + "joined.v1", ProjectEvents.PartnerChange.class, e -> partner(e, true))
                .on(partner + "left.v1", ProjectEvents.PartnerChange.class, e -> partner(e, false))
                .build();
    }

    void changed(ReceivedEvent<ProjectEvents.Changed> event) {
        String projectId = ViewWriter.required(event.data().projectId(), "projectId", event);
        if (event.data().project() == null) {
            throw new PoisonEventException("Event " + event.id() + " (" + event.type() + ") has no project", null);
        }
        writer.apply(ViewKind.PROJECT, projectId, event, stateUpdate(event.data()));
    }

    void ended(ReceivedEvent<ProjectEvents.Ended> event, String status) {
        String projectId = ViewWriter.required(event.data().projectId(), "projectId", event);
        writer.apply(ViewKind.PROJECT, projectId, event, new Update().set("status", status));
    }

    /** A partner joined (added to the set of partners) or left (pulled from it). */
    void partner(ReceivedEvent<ProjectEvents.PartnerChange> event, boolean joined) {
        String projectId = ViewWriter.required(event.data().projectId(), "projectId", event);
        String memberId = ViewWriter.required(event.data().memberId(), "memberId", event);
        writer.apply(ViewKind.PROJECT, projectId, event,
                joined ? new Update().addToSet(PARTNERS, memberId) : new Update().pull(PARTNERS, memberId));
    }

    /** The whole state: every field of the view but the id, the leader kept as it was if the event names none. */
    static Update stateUpdate(ProjectEvents.Changed data) {
        ProjectEvents.State s = data.project();
        Update update = new Update().set("title", s.title()).set("description", s.description())
                .set("theme", s.theme()).set("neededCompetences", orEmpty(s.neededCompetences()))
                .set("neededResources", orEmpty(s.neededResources()).stream().filter(Objects::nonNull)
                        .map(r -> resource(r.type(), r.description())).filter(Objects::nonNull).toList())
                .set("targetCallId", s.targetCallId()).set("status", s.status())
                .set(PARTNERS, partners(data.leaderId(), s.partners()));
        if (data.leaderId() != null) {
            update.set("leaderId", data.leaderId());
        }
        return update;
    }

    /**
     * A needed resource as the view keeps it: {@code type: description}, or the type alone when it has no
     * description (the description alone when it has no type); null when it has neither.
     */
    static String resource(String type, String description) {
        String t = blankToNull(type);
        String d = blankToNull(description);
        if (t == null) {
            return d;
        }
        return d == null ? t : t + ": " + d;
    }

    /** The partners as published (the leader first), with the leader added if the list lacks it. */
    static List<String> partners(String leaderId, List<String> partners) {
        List<String> all = new ArrayList<>(orEmpty(partners).stream().filter(Objects::nonNull).distinct().toList());
        if (leaderId != null && !all.contains(leaderId)) {
            all.addFirst(leaderId);
        }
        return all;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
