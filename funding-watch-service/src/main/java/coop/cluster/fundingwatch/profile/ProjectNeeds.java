package coop.cluster.fundingwatch.profile;

import coop.cluster.fundingwatch.profile.persistence.ProjectProfileStore;
import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The projects part of the matching view: the subscription {@code project-needs} reads {@code
 * project.projects} into {@link ProjectProfileStore} (collection {@code projects}), one document
 * per project with its leader, theme, needs, target call, status and partners. created and updated
 * carry the whole state, which replaces what the view had; closed and abandoned set the status;
 * partner joined and left add the partner to, or take it out of, the set of partners. The agreement
 * events are not read. A project's events arrive in order on one partition; each is applied once.
 */
@Configuration(proxyBeanMethods = false)
class ProjectNeeds {

    private final ViewWriter writer;
    private final ProjectProfileStore store;

    ProjectNeeds(ViewWriter writer, ProjectProfileStore store) {
        this.writer = writer;
        this.store = store;
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
            throw new PoisonEventException(
                    "Event " + event.id() + " (" + event.type() + ") has no project", null);
        }
        ProjectProfile project = state(projectId, event.data());
        writer.apply(ViewKind.PROJECT, projectId, event, () -> store.state(event.id(), project));
    }

    void ended(ReceivedEvent<ProjectEvents.Ended> event, String status) {
        String projectId = ViewWriter.required(event.data().projectId(), "projectId", event);
        writer.apply(
                ViewKind.PROJECT,
                projectId,
                event,
                () -> store.status(projectId, event.id(), status));
    }

    /** A partner joined (added to the set of partners) or left (pulled from it). */
    void partner(ReceivedEvent<ProjectEvents.PartnerChange> event, boolean joined) {
        String projectId = ViewWriter.required(event.data().projectId(), "projectId", event);
        String memberId = ViewWriter.required(event.data().memberId(), "memberId", event);
        writer.apply(
                ViewKind.PROJECT,
                projectId,
                event,
                () ->
                        joined
                                ? store.addPartner(projectId, event.id(), memberId)
                                : store.removePartner(projectId, event.id(), memberId));
    }

    /**
     * The whole state the event carries, as the view keeps it: the needed resources as {@link
     * #resource}, the partners as {@link #partners}; the leader null when the event names none (the
     * store keeps the one it has). Null entries of the lists are dropped: the view never reads
     * them.
     */
    static ProjectProfile state(String projectId, ProjectEvents.Changed data) {
        ProjectEvents.State s = data.project();
        return new ProjectProfile(
                projectId,
                data.leaderId(),
                s.title(),
                s.description(),
                s.theme(),
                orEmpty(s.neededCompetences()).stream().filter(Objects::nonNull).toList(),
                orEmpty(s.neededResources()).stream()
                        .filter(Objects::nonNull)
                        .map(r -> resource(r.type(), r.description()))
                        .filter(Objects::nonNull)
                        .toList(),
                s.targetCallId(),
                s.status(),
                partners(data.leaderId(), s.partners()),
                null);
    }

    /**
     * A needed resource as the view keeps it: {@code type: description}, or the type alone when it
     * has no description (the description alone when it has no type); null when it has neither.
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
        List<String> all =
                new ArrayList<>(
                        orEmpty(partners).stream().filter(Objects::nonNull).distinct().toList());
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
