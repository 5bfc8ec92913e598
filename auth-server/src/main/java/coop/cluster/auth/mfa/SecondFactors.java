package coop.cluster.auth.mfa;

import coop.cluster.auth.mfa.persistence.SecondFactorStore;
import coop.cluster.auth.mfa.persistence.SecondFactorStore.Factor;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The people's TOTP second factors ({@link SecondFactorStore}, one per person): enrolment, and the
 * check of a code, which accepts each code once, and no older code after it; {@code max-failures}
 * wrong codes in a row lock the factor for {@code lock-duration}.
 *
 * <p>Every check ends in one conditional single-document update on the factor's version, so two
 * issuer instances checking codes of one person at once cannot both accept the same code, nor lose
 * a failure: the check that loses reads the factor again and decides anew.
 */
public class SecondFactors {

    private static final int ATTEMPTS = 10;

    /**
     * What a code check found: {@code REUSED} is a right code already used (or older than the last
     * one used): refused, but not counted as a failure, since it is no guess (a script that logs in
     * twice within 30 seconds sends it).
     */
    public enum Outcome {
        ACCEPTED,
        WRONG,
        REUSED,
        LOCKED
    }

    /** A person's second factor as stored. */
    public record SecondFactor(
            String personId, String secret, boolean confirmed, Instant lockedUntil) {}

    private final SecondFactorStore store;
    private final MfaProperties properties;
    private final Clock clock;

    public SecondFactors(SecondFactorStore store, MfaProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    public Optional<SecondFactor> find(String personId) {
        return store.find(personId)
                .map(
                        factor ->
                                new SecondFactor(
                                        factor.personId(),
                                        factor.secret(),
                                        factor.confirmed(),
                                        factor.lockedUntil()));
    }

    /** The person's enrolled (confirmed) factor, if any. */
    public boolean isEnrolled(String personId) {
        return find(personId).map(SecondFactor::confirmed).orElse(false);
    }

    /**
     * The secret the person is enrolling with: the one of an enrolment already started (a page
     * reloaded shows the same secret), else a new one. A confirmed factor is never replaced here.
     */
    public String startEnrolment(String personId) {
        store.startEnrolment(personId, Totp.newSecret());
        return find(personId).orElseThrow().secret();
    }

    /**
     * Demo profile: a fixed, documented, confirmed secret (docs/identity.md), so that scripts can
     * log in.
     */
    public void enrolDemo(String personId, String base32Secret) {
        store.enrolDemo(personId, base32Secret);
    }

    /**
     * Checks a code: accepted once (and the factor confirmed, for an enrolment), or counted as a
     * failure; {@code maxFailures} failures in a row lock the factor for {@code lockDuration}.
     */
    public Outcome check(String personId, String code) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Factor factor = store.find(personId).orElse(null);
            if (factor == null) {
                return Outcome.WRONG;
            }
            Instant now = clock.instant();
            if (factor.lockedUntil() != null && factor.lockedUntil().isAfter(now)) {
                return Outcome.LOCKED;
            }
            long step = Totp.matchingStep(factor.secret(), code, now);
            boolean written;
            Outcome outcome;
            if (step >= 0 && step <= factor.lastStep()) {
                return Outcome.REUSED;
            } else if (step >= 0) {
                written = store.accepted(personId, factor.version(), step);
                outcome = Outcome.ACCEPTED;
            } else {
                int failures = factor.failures() + 1;
                if (failures >= properties.maxFailures()) {
                    written =
                            store.locked(
                                    personId,
                                    factor.version(),
                                    now.plus(properties.lockDuration()));
                    outcome = Outcome.LOCKED;
                } else {
                    written = store.failed(personId, factor.version(), failures);
                    outcome = Outcome.WRONG;
                }
            }
            if (written) {
                return outcome;
            }
            // another instance checked a code of this person meanwhile: read again
        }
        return Outcome.WRONG;
    }

    /** Forgets a person's second factor (they enrol again at their next login). */
    public void remove(String personId) {
        store.remove(personId);
    }
}
