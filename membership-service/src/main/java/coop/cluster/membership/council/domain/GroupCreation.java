package coop.cluster.membership.council.domain;

import coop.cluster.plumbing.domain.RuleViolation;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A thematic group to create, with the interests (tags) that funding-call matching uses.
 *
 * @param interests lower-case tags, without duplicates, in the order given
 */
public record GroupCreation(String name, String description, List<String> interests)
        implements Motion {

    public GroupCreation {
        if (name == null || name.isBlank()) {
            throw new RuleViolation("group-name-required");
        }
        name = name.strip().replaceAll("\\s+", " ");
        description = description == null || description.isBlank() ? null : description.strip();
        Objects.requireNonNull(interests, "interests");
        interests =
                interests.stream()
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
        if (interests.isEmpty()) {
            throw new RuleViolation("group-interests-required");
        }
    }

    /** The name as compared for uniqueness: lower case, single spaces. */
    public String nameKey() {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public Kind kind() {
        return Kind.GROUP_CREATION;
    }
}
