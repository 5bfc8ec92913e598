package coop.cluster.web.organisation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The profile form as typed: kept whole when the API refuses it, so nothing typed is lost. Lists
 * (sectors, competences) are typed comma-separated; contacts and offered resources are rows, a
 * blank row is left out. {@code version} is the version read, sent back as {@code If-Match}.
 */
public class ProfileForm {

    private long version;
    private String registrationNumber;
    private String legalName;
    private String country;
    private String region;
    private String sectors;
    private String organisationType;
    private String sizeBand;
    private String competences;
    private String description;
    private String website;
    private boolean listedPublicly;
    private List<ContactRow> contacts = new ArrayList<>();
    private List<ResourceRow> offeredResources = new ArrayList<>();

    static ProfileForm of(OrganisationApi.Versioned read) {
        OrganisationApi.Profile p = read.member().profile();
        ProfileForm form = new ProfileForm();
        form.version = read.version();
        if (p != null) {
            form.registrationNumber = p.registrationNumber();
            form.legalName = p.legalName();
            form.country = p.country();
            form.region = p.region();
            form.sectors = String.join(", ", p.sectors());
            form.organisationType = p.organisationType();
            form.sizeBand = p.sizeBand();
            form.competences = String.join(", ", p.competences());
            form.description = p.description();
            form.website = p.website();
            form.listedPublicly = p.shownPublicly();
            p.contacts()
                    .forEach(
                            c ->
                                    form.contacts.add(
                                            new ContactRow(
                                                    c.name(), c.role(), c.email(), c.phone())));
            p.offeredResources()
                    .forEach(
                            r ->
                                    form.offeredResources.add(
                                            new ResourceRow(r.type(), r.description())));
        }
        return form.withBlankRows();
    }

    /** One empty contact and one empty resource to fill in. */
    ProfileForm withBlankRows() {
        if (contacts.stream().noneMatch(ContactRow::blank)) {
            contacts.add(new ContactRow());
        }
        if (offeredResources.stream().noneMatch(ResourceRow::blank)) {
            offeredResources.add(new ResourceRow());
        }
        return this;
    }

    OrganisationApi.Profile toProfile() {
        return new OrganisationApi.Profile(
                trim(legalName),
                trim(registrationNumber),
                trim(country),
                trim(region),
                split(sectors),
                trim(organisationType),
                trim(sizeBand),
                split(competences),
                offeredResources.stream()
                        .filter(r -> !r.blank())
                        .map(
                                r ->
                                        new OrganisationApi.Resource(
                                                trim(r.getType()), trim(r.getDescription())))
                        .toList(),
                contacts.stream()
                        .filter(c -> !c.blank())
                        .map(
                                c ->
                                        new OrganisationApi.Contact(
                                                trim(c.getName()),
                                                trim(c.getRole()),
                                                trim(c.getEmail()),
                                                trim(c.getPhone())))
                        .toList(),
                trim(description),
                trim(website),
                listedPublicly);
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static List<String> split(String value) {
        return value == null
                ? List.of()
                : Arrays.stream(value.split("[,;\\n]"))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }

    public String getRegistrationNumber() {
        return registrationNumber;
    }

    public void setRegistrationNumber(String registrationNumber) {
        this.registrationNumber = registrationNumber;
    }

    public String getLegalName() {
        return legalName;
    }

    public void setLegalName(String legalName) {
        this.legalName = legalName;
    }

    public String getCountry() {
        return country;
    }

    public void setCountry(String country) {
        this.country = country;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getSectors() {
        return sectors;
    }

    public void setSectors(String sectors) {
        this.sectors = sectors;
    }

    public String getOrganisationType() {
        return organisationType;
    }

    public void setOrganisationType(String organisationType) {
        this.organisationType = organisationType;
    }

    public String getSizeBand() {
        return sizeBand;
    }

    public void setSizeBand(String sizeBand) {
        this.sizeBand = sizeBand;
    }

    public String getCompetences() {
        return competences;
    }

    public void setCompetences(String competences) {
        this.competences = competences;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getWebsite() {
        return website;
    }

    public void setWebsite(String website) {
        this.website = website;
    }

    public boolean isListedPublicly() {
        return listedPublicly;
    }

    public void setListedPublicly(boolean listedPublicly) {
        this.listedPublicly = listedPublicly;
    }

    public List<ContactRow> getContacts() {
        return contacts;
    }

    public void setContacts(List<ContactRow> contacts) {
        this.contacts = contacts;
    }

    public List<ResourceRow> getOfferedResources() {
        return offeredResources;
    }

    public void setOfferedResources(List<ResourceRow> offeredResources) {
        this.offeredResources = offeredResources;
    }

    /** A contact person as typed. */
    public static class ContactRow {
        private String name;
        private String role;
        private String email;
        private String phone;

        public ContactRow() {}

        ContactRow(String name, String role, String email, String phone) {
            this.name = name;
            this.role = role;
            this.email = email;
            this.phone = phone;
        }

        boolean blank() {
            return isBlank(name) && isBlank(role) && isBlank(email) && isBlank(phone);
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getRole() {
            return role;
        }

        public void setRole(String role) {
            this.role = role;
        }

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        public String getPhone() {
            return phone;
        }

        public void setPhone(String phone) {
            this.phone = phone;
        }
    }

    /** A resource offered to the other members, as typed. */
    public static class ResourceRow {
        private String type;
        private String description;

        public ResourceRow() {}

        ResourceRow(String type, String description) {
            this.type = type;
            this.description = description;
        }

        boolean blank() {
            return isBlank(type) && isBlank(description);
        }

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public String getDescription() {
            return description;
        }

        public void setDescription(String description) {
            this.description = description;
        }
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
