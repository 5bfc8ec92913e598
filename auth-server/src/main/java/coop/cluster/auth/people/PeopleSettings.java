package coop.cluster.auth.people;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code cluster.identity.*} settings of people and their flows (docs/people.md).
 *
 * @param bootstrapAdmin the first platform administrator, invited at start-up while there is none
 * @param links how long each kind of one-time link stays valid
 * @param mail the sender of the platform's mails
 */
@Validated
@ConfigurationProperties("cluster.identity")
public record PeopleSettings(
        @NotNull @Valid @DefaultValue BootstrapAdmin bootstrapAdmin,
        @NotNull @Valid @DefaultValue Links links,
        @NotNull @Valid @DefaultValue Mail mail) {

    /**
     * @param email {@code CLUSTER_IDENTITY_BOOTSTRAP_ADMIN_EMAIL}; nothing is done when empty
     */
    public record BootstrapAdmin(String email) {}

    public record Links(
            @NotNull @DefaultValue("P7D") Duration invitation,
            @NotNull @DefaultValue("P1D") Duration signUp,
            @NotNull @DefaultValue("PT1H") Duration passwordReset) {}

    /**
     * @param from the {@code From} of every mail
     */
    public record Mail(@NotBlank @DefaultValue("Cluster <no-reply@cluster.coop>") String from) {}
}
