package coop.cluster.auth.upstream;

import java.util.Map;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives the issuer's pages the upstream logins to offer ({@code upstreams}: registration id →
 * button name).
 */
@ControllerAdvice
class UpstreamChoices {

    private final UpstreamLogin upstreams;

    UpstreamChoices(UpstreamLogin upstreams) {
        this.upstreams = upstreams;
    }

    @ModelAttribute("upstreams")
    Map<String, String> upstreams() {
        return upstreams.choices();
    }
}
