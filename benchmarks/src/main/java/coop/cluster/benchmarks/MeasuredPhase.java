package coop.cluster.benchmarks;

/**
 * Told when a benchmark's measured phase begins and ends, so that what the platform did around it
 * (store commands, broker records, CPU) is counted for that phase only, not for its set-up (filing
 * the applications to admit, starting the projects whose invitations are answered).
 */
interface MeasuredPhase {

    MeasuredPhase NONE = new MeasuredPhase() {};

    /** Just before the first measured request. */
    default void begin() throws Exception {}

    /** Once the last measured operation is answered and its event read back. */
    default void end() throws Exception {}
}
