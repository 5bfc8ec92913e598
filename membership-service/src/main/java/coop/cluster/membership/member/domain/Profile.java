package coop.cluster.membership.member.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An organisation's profile: what it files when it applies and edits afterwards. Everything but the
 * registration number is shown to the other active members in the directory. Built only through
 * {@link #of}, which checks the codes and normalises the lists (sectors to canonical NACE codes,
 * competences to lower-case tags, no duplicates).
 *
 * @param region NUTS code within {@code country}; absent for countries NUTS does not cover
 *     (Morocco, Tunisia...)
 */
public record Profile(
        String legalName,
        String registrationNumber,
        String country,
        String region,
        List<String> sectors,
        OrganisationType organisationType,
        SizeBand sizeBand,
        List<String> competences,
        List<OfferedResource> offeredResources,
        List<ContactPerson> contacts,
        String description,
        String website) {

    public Profile {
        Objects.requireNonNull(legalName, "legalName");
        Objects.requireNonNull(registrationNumber, "registrationNumber");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(organisationType, "organisationType");
        Objects.requireNonNull(sizeBand, "sizeBand");
        sectors = List.copyOf(sectors);
        competences = List.copyOf(competences);
        offeredResources = List.copyOf(offeredResources);
        contacts = List.copyOf(contacts);
    }

    /**
     * A checked, normalised profile.
     *
     * @throws MemberRuleViolation {@code invalid-code} naming the field and the value that is not a
     *     valid code
     */
    public static Profile of(
            String legalName,
            String registrationNumber,
            String country,
            String region,
            List<String> sectors,
            OrganisationType organisationType,
            SizeBand sizeBand,
            List<String> competences,
            List<OfferedResource> offeredResources,
            List<ContactPerson> contacts,
            String description,
            String website) {
        String countryCode = country == null ? null : country.strip().toUpperCase(Locale.ROOT);
        if (!Codes.isCountry(countryCode)) {
            throw new MemberRuleViolation("invalid-code", "country", country, "ISO 3166-1 alpha-2");
        }
        String regionCode =
                region == null || region.isBlank() ? null : region.strip().toUpperCase(Locale.ROOT);
        if (regionCode != null && !Codes.isNutsIn(regionCode, countryCode)) {
            throw new MemberRuleViolation(
                    "invalid-code", "region", region, "NUTS, within country " + countryCode);
        }
        LinkedHashSet<String> naceCodes = new LinkedHashSet<>();
        for (String sector : nullToEmpty(sectors)) {
            naceCodes.add(
                    Codes.nace(sector)
                            .orElseThrow(
                                    () ->
                                            new MemberRuleViolation(
                                                    "invalid-code",
                                                    "sectors",
                                                    sector,
                                                    "NACE Rev. 2")));
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (String competence : nullToEmpty(competences)) {
            String tag = competence == null ? "" : competence.strip().toLowerCase(Locale.ROOT);
            if (!tag.isEmpty()) {
                tags.add(tag);
            }
        }
        return new Profile(
                legalName.strip(),
                registrationNumber.strip(),
                countryCode,
                regionCode,
                new ArrayList<>(naceCodes),
                organisationType,
                sizeBand,
                new ArrayList<>(tags),
                nullToEmpty(offeredResources),
                nullToEmpty(contacts),
                description == null || description.isBlank() ? null : description.strip(),
                website == null || website.isBlank() ? null : website.strip());
    }

    /**
     * The registration number as compared for duplicates: upper case, without spaces, dots, dashes
     * or slashes.
     */
    public String registrationKey() {
        return registrationKey(registrationNumber);
    }

    public static String registrationKey(String registrationNumber) {
        return registrationNumber.toUpperCase(Locale.ROOT).replaceAll("[\\s./-]", "");
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
