package coop.cluster.fundingwatch.call.domain;

/** Why a funding call is closed here. {@link #code()} is what events and the API carry. */
public enum CloseReason {
    /** Its last deadline has passed, whatever its source still says. */
    DEADLINE_PASSED("deadline-passed"),
    /** Its source states it is closed. */
    SOURCE_CLOSED("source-closed");

    private final String code;

    CloseReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
