package coop.cluster.plumbing.security;

import coop.cluster.plumbing.web.ProblemException;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A service with the three kinds of rule: any caller, a role, and an object-level check. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(GuardedApp.GuardedController.class)
class GuardedApp {

    @RestController
    static class GuardedController {

        @GetMapping("/api/guarded/whoami")
        Map<String, Object> whoami(Caller caller) {
            return Map.of(
                    "subject",
                    caller.subject(),
                    "roles",
                    new TreeSet<>(caller.roles()),
                    "memberId",
                    caller.memberId().orElse(""),
                    "feedId",
                    caller.feedId().orElse(""));
        }

        @GetMapping("/api/guarded/reports")
        @PreAuthorize("hasAnyRole('MANAGER', 'FINANCE')")
        Map<String, String> reports() {
            return Map.of("report", "ok");
        }

        @GetMapping("/api/guarded/orgs/{memberId}")
        Map<String, String> organisation(@PathVariable String memberId, Caller caller) {
            if (caller.has(ClusterRole.MANAGER) || caller.belongsTo(memberId)) {
                return Map.of("memberId", memberId);
            }
            if (caller.hasAny(ClusterRole.MEMBER, ClusterRole.DELEGATE)) {
                throw ProblemException.notFound("organisation", memberId);
            }
            throw new org.springframework.security.access.AccessDeniedException(
                    "not for " + caller.roles());
        }
    }
}
