package coop.cluster.membership.member.domain;

import java.util.Objects;

/** Someone the other members can contact at this organisation; shown in the members directory. */
public record ContactPerson(String name, String role, String email, String phone) {

    public ContactPerson {
        Objects.requireNonNull(name, "name");
        name = name.strip();
        role = blankToNull(role);
        email = blankToNull(email);
        phone = blankToNull(phone);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
