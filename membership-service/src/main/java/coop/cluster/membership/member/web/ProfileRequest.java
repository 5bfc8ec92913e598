package coop.cluster.membership.member.web;

import coop.cluster.membership.member.domain.ContactPerson;
import coop.cluster.membership.member.domain.OfferedResource;
import coop.cluster.membership.member.domain.OrganisationType;
import coop.cluster.membership.member.domain.Profile;
import coop.cluster.membership.member.domain.ResourceType;
import coop.cluster.membership.member.domain.SizeBand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An organisation profile as a client sends it, to apply or to edit. The shapes are checked here
 * (400 naming the fields); the codes (ISO country, NUTS region within the country, NACE sectors) by
 * the domain's {@code Profile.of}.
 *
 * @param listedPublicly whether the organisation is listed on the cluster's public page while
 *     active; optional: absent keeps the current choice when editing, and means "not listed" when
 *     applying
 */
record ProfileRequest(
        @NotBlank @Size(max = 200) String legalName,
        @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9 ./-]+") String registrationNumber,
        @NotBlank @Pattern(regexp = "[A-Za-z]{2}", message = "{country.iso3166}") String country,
        @Size(max = 5) @Pattern(regexp = "[A-Za-z]{2}[A-Za-z0-9]{0,3}", message = "{region.nuts}")
                String region,
        @Size(max = 20) List<@NotBlank @Size(max = 8) String> sectors,
        @NotNull OrganisationType organisationType,
        @NotNull SizeBand sizeBand,
        @Size(max = 50) List<@NotBlank @Size(max = 60) String> competences,
        @Size(max = 30) List<@Valid @NotNull Resource> offeredResources,
        @Size(max = 10) List<@Valid @NotNull Contact> contacts,
        @Size(max = 4000) String description,
        @Size(max = 300) @Pattern(regexp = "https?://\\S+", message = "{website.url}")
                String website,
        Boolean listedPublicly) {

    record Resource(@NotNull ResourceType type, @Size(max = 500) String description) {}

    record Contact(
            @NotBlank @Size(max = 120) String name,
            @Size(max = 120) String role,
            @Email @Size(max = 200) String email,
            @Size(max = 40) @Pattern(regexp = "[+0-9 ()./-]*") String phone) {}

    Profile toProfile() {
        return Profile.of(
                legalName,
                registrationNumber,
                country,
                region,
                sectors,
                organisationType,
                sizeBand,
                competences,
                offeredResources == null
                        ? null
                        : offeredResources.stream()
                                .map(r -> new OfferedResource(r.type(), r.description()))
                                .toList(),
                contacts == null
                        ? null
                        : contacts.stream()
                                .map(
                                        c ->
                                                new ContactPerson(
                                                        c.name(), c.role(), c.email(), c.phone()))
                                .toList(),
                description,
                website);
    }
}
