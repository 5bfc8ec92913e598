package coop.cluster.finance.expense;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs the repair sweeps of expenses, receipts and project contributions ({@code @Scheduled}, every
 * {@code cluster.finance.repair-interval}): they complete steps begun and not yet in the ledger.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RepairScheduling {}
