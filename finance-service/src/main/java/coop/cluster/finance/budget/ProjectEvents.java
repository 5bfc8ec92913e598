package coop.cluster.finance.budget;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * finance-service's own copy of the project events it reads, only the fields it needs (unknown ones
 * are ignored). Topic {@code project.projects}, key: the project id.
 */
final class ProjectEvents {

    static final String TOPIC = "project.projects";
    static final String AGREEMENT_SIGNED_V1 = "cluster.project.agreement.signed.v1";

    /** Every partner signed the current version of the agreement. */
    record AgreementSigned(
            String projectId,
            String projectTitle,
            String leaderId,
            Agreement agreement,
            Map<String, Instant> signatures,
            Instant signedAt) {}

    /**
     * Amounts are decimal strings in {@code currency}; {@code money} may be absent for an
     * in-kind-only partner.
     */
    record Agreement(int version, String currency, List<Contribution> contributions) {}

    record Contribution(String memberId, String money, String inKind, String inKindValue) {}

    private ProjectEvents() {}
}
