package coop.cluster.membership.member.domain;

public enum MemberStatus {
    APPLIED
}
