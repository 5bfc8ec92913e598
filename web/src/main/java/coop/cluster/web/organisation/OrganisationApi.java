package coop.cluster.web.organisation;

import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * membership-service's member record through the gateway: the organisation's profile, read with its
 * version (the {@code ETag}) and replaced with {@code If-Match}, so that two people editing at once
 * do not overwrite each other.
 */
@Component
public class OrganisationApi {

    private final RestClient api;

    OrganisationApi(RestClient gatewayApi) {
        this.api = gatewayApi;
    }

    /** {@code GET /api/members/{id}}, with the version read. */
    public Versioned member(String memberId) {
        ResponseEntity<Member> answer =
                api.get().uri("/api/members/{id}", memberId).retrieve().toEntity(Member.class);
        return Versioned.of(answer);
    }

    /**
     * {@code PUT /api/members/{id}/profile} with {@code If-Match: "<version>"}: 412 when someone
     * changed it since.
     */
    public Versioned replaceProfile(String memberId, long version, Profile profile) {
        ResponseEntity<Member> answer =
                api.put()
                        .uri("/api/members/{id}/profile", memberId)
                        .header("If-Match", "\"" + version + "\"")
                        .body(profile)
                        .retrieve()
                        .toEntity(Member.class);
        return Versioned.of(answer);
    }

    /**
     * A member as read, and the version to send back ({@code ETag}, else the body's {@code
     * version}).
     */
    public record Versioned(Member member, long version) {
        static Versioned of(ResponseEntity<Member> answer) {
            Member member = answer.getBody();
            String etag = answer.getHeaders().getETag();
            long version = member == null || member.version() == null ? 0 : member.version();
            if (etag != null) {
                String digits = etag.replace("W/", "").replace("\"", "").strip();
                if (digits.matches("\\d{1,18}")) {
                    version = Long.parseLong(digits);
                }
            }
            return new Versioned(member, version);
        }
    }

    public record Member(
            String id,
            String status,
            Instant admittedAt,
            Profile profile,
            Delegate delegate,
            Long version) {}

    public record Delegate(String name) {}

    /**
     * The profile as the API shows it and takes it whole ({@code listedPublicly}: on the cluster's
     * public page).
     */
    public record Profile(
            String legalName,
            String registrationNumber,
            String country,
            String region,
            List<String> sectors,
            String organisationType,
            String sizeBand,
            List<String> competences,
            List<Resource> offeredResources,
            List<Contact> contacts,
            String description,
            String website,
            Boolean listedPublicly) {
        public Profile {
            sectors = sectors == null ? List.of() : sectors;
            competences = competences == null ? List.of() : competences;
            offeredResources = offeredResources == null ? List.of() : offeredResources;
            contacts = contacts == null ? List.of() : contacts;
        }

        public boolean shownPublicly() {
            return Boolean.TRUE.equals(listedPublicly);
        }
    }

    public record Resource(String type, String description) {}

    public record Contact(String name, String role, String email, String phone) {}
}
