package coop.cluster.auth.mfa;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Demo profile ({@code cluster.identity.demo.enabled}): the demo staff who need a second factor are
 * enrolled with one fixed, published secret (docs/identity.md), so that {@code scripts/token.sh}
 * can compute their codes. Development only: anyone who reads the docs can compute these codes.
 */
@Component
@ConditionalOnProperty(name = "cluster.identity.demo.enabled", havingValue = "true")
class DemoSecondFactors implements ApplicationRunner {

    /** The demo TOTP secret: the 20 ASCII bytes {@code cluster-demo-totp-20}. */
    static final String SECRET_BASE32 = "MNWHK43UMVZC2ZDFNVXS25DPORYC2MRQ";

    static final String SECRET_HEX = "636c75737465722d64656d6f2d746f74702d3230";

    /** The demo manager and finance staff (DemoIdentities). */
    static final List<String> STAFF = List.of("manon", "farid", "fatou");

    private static final Logger log = LoggerFactory.getLogger(DemoSecondFactors.class);

    private final SecondFactors factors;

    DemoSecondFactors(SecondFactors factors) {
        this.factors = factors;
    }

    @Override
    public void run(ApplicationArguments args) {
        STAFF.forEach(person -> factors.enrolDemo(person, SECRET_BASE32));
        log.warn(
                "Demo second factors: {} use the published TOTP secret of docs/identity.md"
                        + " (development only)",
                STAFF);
    }
}
