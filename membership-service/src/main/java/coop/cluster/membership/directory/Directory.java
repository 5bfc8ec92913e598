package coop.cluster.membership.directory;

import static coop.cluster.plumbing.security.ClusterRole.DELEGATE;
import static coop.cluster.plumbing.security.ClusterRole.MANAGER;
import static coop.cluster.plumbing.security.ClusterRole.MEMBER;

import coop.cluster.membership.group.GroupRoster;
import coop.cluster.membership.member.Members;
import coop.cluster.membership.member.domain.Codes;
import coop.cluster.membership.member.domain.Member;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.member.domain.OrganisationType;
import coop.cluster.membership.member.domain.ResourceType;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The members directory: every active member's public profile and contacts, searchable by text,
 * competence, sector, region, resource offered, organisation type and thematic group. Visible to
 * active members (their member and delegate users) and to the cluster managers; nobody else.
 */
@Service
public class Directory {

    /** Deeper pages cost a longer queue of hits for every search; nobody reads that far. */
    public static final int MAX_HITS = 10_000;

    private static final Pattern REGION = Pattern.compile("[A-Z]{2}[A-Z0-9]{0,3}");

    private final DirectoryIndex index;
    private final Members members;
    private final GroupRoster groups;
    private final Timer searches;

    Directory(DirectoryIndex index, Members members, GroupRoster groups, MeterRegistry meters) {
        this.index = index;
        this.members = members;
        this.groups = groups;
        this.searches =
                Timer.builder("cluster.membership.directory.search")
                        .description("Directory searches, in the service")
                        .publishPercentileHistogram()
                        .register(meters);
    }

    /** Raw search parameters, as a client sends them; {@link #search} checks them. */
    public record Criteria(
            String text,
            List<String> competences,
            List<String> sectors,
            List<String> regions,
            List<String> resources,
            List<String> types,
            String group) {}

    /** One member as the directory shows it. */
    public record Listing(Member member, Float score, List<GroupRoster.GroupRef> groups) {}

    /**
     * A page of the directory.
     *
     * @throws ProblemException 403 if {@code caller} may not see the directory, 400 for an invalid
     *     code, 404 for an unknown group
     */
    public Page<Listing> search(Caller caller, Criteria criteria, int page, int size) {
        checkMayBrowse(caller);
        if ((long) (page + 1) * size > MAX_HITS) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "directory-too-deep", MAX_HITS);
        }
        DirectoryQuery query = query(criteria);
        return searches.record(
                () -> {
                    DirectoryIndex.Result result = index.search(query, page, size);
                    Map<MemberId, List<GroupRoster.GroupRef>> memberGroups =
                            result.hits().isEmpty()
                                    ? Map.of()
                                    : groups.groupsOf(
                                            result.hits().stream()
                                                    .map(hit -> hit.member().id())
                                                    .toList());
                    List<Listing> listings =
                            result.hits().stream()
                                    .map(
                                            hit ->
                                                    new Listing(
                                                            hit.member(),
                                                            hit.score(),
                                                            memberGroups.getOrDefault(
                                                                    hit.member().id(), List.of())))
                                    .toList();
                    return new PageImpl<>(listings, PageRequest.of(page, size), result.total());
                });
    }

    /** Managers; member and delegate users of an active member. */
    void checkMayBrowse(Caller caller) {
        if (caller.has(MANAGER)) {
            return;
        }
        if (caller.hasAny(MEMBER, DELEGATE)
                && caller.memberId().isPresent()
                && members.find(new MemberId(caller.memberId().get()))
                        .map(Member::isActive)
                        .orElse(false)) {
            return;
        }
        throw ProblemException.forbidden("directory-members-only");
    }

    private DirectoryQuery query(Criteria criteria) {
        List<String> sectors =
                each(
                        criteria.sectors(),
                        sector ->
                                Codes.nace(sector)
                                        .orElseThrow(
                                                () -> invalid("sector", sector, "NACE Rev. 2")));
        List<String> regions =
                each(
                        criteria.regions(),
                        region -> {
                            String code = region.strip().toUpperCase(Locale.ROOT);
                            if (!REGION.matcher(code).matches()) {
                                throw invalid("region", region, "NUTS or ISO 3166-1 country");
                            }
                            return code;
                        });
        Set<ResourceType> resources = enums(criteria.resources(), ResourceType.class, "resource");
        Set<OrganisationType> types = enums(criteria.types(), OrganisationType.class, "type");
        Set<String> within = null;
        if (criteria.group() != null && !criteria.group().isBlank()) {
            String group = criteria.group().strip();
            within =
                    groups
                            .membersOf(group)
                            .orElseThrow(() -> ProblemException.notFound("group", group))
                            .stream()
                            .map(MemberId::value)
                            .collect(Collectors.toSet());
        }
        List<String> competences =
                each(criteria.competences(), c -> c.strip().toLowerCase(Locale.ROOT));
        return new DirectoryQuery(
                criteria.text(), competences, sectors, regions, resources, types, within);
    }

    private static List<String> each(List<String> values, Function<String, String> check) {
        return values == null
                ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).map(check).toList();
    }

    private static <E extends Enum<E>> Set<E> enums(
            List<String> values, Class<E> type, String field) {
        Set<E> found = EnumSet.noneOf(type);
        for (String value : each(values, String::strip)) {
            try {
                found.add(Enum.valueOf(type, value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw invalid(
                        field,
                        value,
                        Arrays.stream(type.getEnumConstants())
                                .map(Enum::name)
                                .collect(Collectors.joining(", ")));
            }
        }
        return found;
    }

    private static ProblemException invalid(String field, String value, String kind) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-code", field, value, kind);
    }
}
