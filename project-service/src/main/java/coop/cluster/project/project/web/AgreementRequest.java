package coop.cluster.project.project.web;

import coop.cluster.project.project.domain.Agreement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * A version of the partnership agreement as the leader sends it; amounts as decimal numbers or
 * strings.
 */
record AgreementRequest(
        @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
        @NotEmpty @Size(max = 100) List<@Valid @NotNull ContributionRequest> contributions,
        @NotBlank @Pattern(regexp = "[0-9a-f-]{36}") String coordinator,
        @Size(max = 200) List<@Valid @NotNull TaskRequest> tasks,
        @NotBlank @Size(max = 5000) String settlementRule) {

    record ContributionRequest(
            @NotBlank @Pattern(regexp = "[0-9a-f-]{36}") String memberId,
            BigDecimal money,
            @Size(max = 1000) String inKind,
            BigDecimal inKindValue) {}

    record TaskRequest(
            @NotBlank @Size(max = 300) String title,
            @NotBlank @Pattern(regexp = "[0-9a-f-]{36}") String responsible) {}

    List<Agreement.Contribution> contributionList() {
        return contributions.stream()
                .map(
                        c ->
                                new Agreement.Contribution(
                                        c.memberId(),
                                        c.money(),
                                        c.inKind() == null || c.inKind().isBlank()
                                                ? null
                                                : c.inKind().strip(),
                                        c.inKindValue()))
                .toList();
    }

    List<Agreement.Task> taskList() {
        return tasks == null
                ? List.of()
                : tasks.stream()
                        .map(t -> new Agreement.Task(t.title().strip(), t.responsible()))
                        .toList();
    }
}
