package coop.cluster.fundingwatch.match;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The matching index, with the limits of {@code cluster.matching.*}. */
@Configuration(proxyBeanMethods = false)
class MatchingConfiguration {

    @Bean(destroyMethod = "close")
    TargetIndex targetIndex(
            @Value("${cluster.matching.min-score:35}") int minScore,
            @Value("${cluster.matching.max-per-call.member:25}") int members,
            @Value("${cluster.matching.max-per-call.group:10}") int groups,
            @Value("${cluster.matching.max-per-call.project:25}") int projects,
            @Value("${cluster.matching.max-per-call.watch:500}") int watches) {
        return new TargetIndex(
                new MatchLimits(
                        minScore,
                        Map.of(
                                TargetKind.MEMBER,
                                members,
                                TargetKind.GROUP,
                                groups,
                                TargetKind.PROJECT,
                                projects,
                                TargetKind.WATCH,
                                watches)));
    }
}
