package coop.cluster.fundingwatch;

import coop.cluster.fundingwatch.call.adapter.FeedAdapters;
import coop.cluster.fundingwatch.call.events.CallClosed;
import coop.cluster.fundingwatch.call.events.CallPublished;
import coop.cluster.fundingwatch.call.events.CallUpdated;
import coop.cluster.fundingwatch.call.events.DeadlineApproaching;
import coop.cluster.fundingwatch.feed.events.RecordRejected;
import coop.cluster.fundingwatch.feed.signed.events.SignedFeedChanged;
import coop.cluster.fundingwatch.match.events.OpportunityMatched;
import coop.cluster.plumbing.events.EventCatalog;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class FundingWatchApplication {

    public static void main(String[] args) {
        SpringApplication.run(FundingWatchApplication.class, args);
    }

    /** Every integration event this service publishes. */
    @Bean
    EventCatalog eventCatalog() {
        return EventCatalog.of(
                CallPublished.class,
                CallUpdated.class,
                CallClosed.class,
                DeadlineApproaching.class,
                RecordRejected.class,
                OpportunityMatched.class,
                SignedFeedChanged.class);
    }

    /** The feed formats read: the Search API, grantsTenders.json and the generic format. */
    @Bean
    FeedAdapters feedAdapters(Clock clock) {
        return FeedAdapters.standard(clock);
    }
}
