package coop.cluster.finance.fee.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Invoice every member owing the fee of {@code feeYear}. */
record RunRequest(@NotNull @Min(2000) @Max(2100) Integer feeYear) {}
