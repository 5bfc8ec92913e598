package coop.cluster.fundingwatch.call.adapter;

import coop.cluster.fundingwatch.call.domain.Rejection;

/** Why the record being read is rejected; thrown while reading it, caught by the record loop. */
final class RecordProblem extends RuntimeException {

    private final Rejection.Reason reason;

    RecordProblem(Rejection.Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    Rejection.Reason reason() {
        return reason;
    }
}
