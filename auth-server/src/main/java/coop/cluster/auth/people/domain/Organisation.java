package coop.cluster.auth.people.domain;

/**
 * What identity knows of a member organisation, from membership's events: its status and who filed
 * its application.
 *
 * @param appliedBy the {@code sub} of the person who filed the application themselves, or null
 */
public record Organisation(String memberId, OrganisationStatus status, String appliedBy) {

    public boolean isActiveMember() {
        return status == OrganisationStatus.ACTIVE;
    }
}
