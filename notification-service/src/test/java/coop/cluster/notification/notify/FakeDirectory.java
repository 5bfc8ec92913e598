package coop.cluster.notification.notify;

import coop.cluster.notification.audience.Directory;
import coop.cluster.notification.audience.Person;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The view in memory, for the recipient rules' tests. */
final class FakeDirectory implements Directory {

    final List<Person> people = new ArrayList<>();
    final Map<String, String> names = new HashMap<>();
    final Map<String, String> applicants = new HashMap<>();
    final Map<String, String> appointed = new HashMap<>();
    final Map<String, ProjectSummary> projects = new HashMap<>();
    final Map<String, Set<String>> watchers = new HashMap<>();
    final Map<String, Activity> activities = new HashMap<>();

    FakeDirectory with(Person... persons) {
        people.addAll(List.of(persons));
        return this;
    }

    @Override
    public List<Person> peopleOf(Collection<String> memberIds) {
        return people.stream()
                .filter(p -> p.memberId() != null && memberIds.contains(p.memberId()))
                .toList();
    }

    @Override
    public List<Person> delegates() {
        Set<String> seats = new HashSet<>(appointed.values());
        return people.stream()
                .filter(p -> p.roles().contains("delegate") || seats.contains(p.id()))
                .toList();
    }

    @Override
    public List<Person> everyone() {
        return List.copyOf(people);
    }

    @Override
    public Optional<Person> person(String personId) {
        return people.stream().filter(p -> p.id().equals(personId)).findFirst();
    }

    @Override
    public Optional<String> organisationName(String memberId) {
        return Optional.ofNullable(names.get(memberId));
    }

    @Override
    public Optional<String> appliedBy(String memberId) {
        return Optional.ofNullable(applicants.get(memberId));
    }

    @Override
    public Optional<ProjectSummary> project(String projectId) {
        return Optional.ofNullable(projects.get(projectId));
    }

    @Override
    public Set<String> watchersOf(String callId) {
        return watchers.getOrDefault(callId, Set.of());
    }

    @Override
    public List<Person> memberPeople() {
        return people.stream().filter(p -> p.memberId() != null).toList();
    }

    @Override
    public Optional<Activity> activity(String eventId) {
        return Optional.ofNullable(activities.get(eventId));
    }
}
