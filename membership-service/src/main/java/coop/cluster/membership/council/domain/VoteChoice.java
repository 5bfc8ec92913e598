package coop.cluster.membership.council.domain;

public enum VoteChoice {
    FOR,
    AGAINST,
    ABSTAIN
}
