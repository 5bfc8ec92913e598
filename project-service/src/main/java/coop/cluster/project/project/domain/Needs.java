package coop.cluster.project.project.domain;

import coop.cluster.plumbing.domain.RuleViolation;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a project seeks from partners: competences (tags, compared in lower case) and resources by
 * type.
 *
 * @param resources each with a type (PREMISES, EQUIPMENT, EXPERTISE, SERVICES, CONTACTS) and what
 *     exactly is sought
 */
public record Needs(List<String> competences, List<Resource> resources) {

    public static final Set<String> RESOURCE_TYPES =
            Set.of("PREMISES", "EQUIPMENT", "EXPERTISE", "SERVICES", "CONTACTS");

    public record Resource(String type, String description) {
        public Resource {
            type = type == null ? "" : type.strip().toUpperCase(Locale.ROOT);
            if (!RESOURCE_TYPES.contains(type)) {
                throw new RuleViolation("invalid-resource-type", type);
            }
            description = description == null || description.isBlank() ? null : description.strip();
        }
    }

    public Needs {
        competences =
                competences == null
                        ? List.of()
                        : competences.stream()
                                .map(
                                        tag ->
                                                tag == null
                                                        ? ""
                                                        : tag.strip()
                                                                .toLowerCase(Locale.ROOT)
                                                                .replaceAll("\\s+", " "))
                                .filter(tag -> !tag.isEmpty())
                                .distinct()
                                .toList();
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    public static Needs none() {
        return new Needs(List.of(), List.of());
    }
}
