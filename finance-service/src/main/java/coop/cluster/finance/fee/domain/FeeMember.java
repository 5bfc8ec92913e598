package coop.cluster.finance.fee.domain;

import java.time.LocalDate;

/** A member as the fees see it. @param admittedOn the day of admission, null until admitted */
public record FeeMember(
        String memberId, String status, String category, String legalName, LocalDate admittedOn) {}
