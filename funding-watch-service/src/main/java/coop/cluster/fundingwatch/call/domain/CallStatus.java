package coop.cluster.fundingwatch.call.domain;

/** A funding call's status as its source states it. */
public enum CallStatus {
    FORTHCOMING,
    OPEN,
    CLOSED
}
