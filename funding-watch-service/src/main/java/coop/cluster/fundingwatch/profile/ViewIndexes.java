package coop.cluster.fundingwatch.profile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Creates the matching view's indexes at start-up, while the context is built, so before the subscriptions start
 * writing (creating an index that exists already does nothing): {@code {updatedAt: 1, _id: 1}} ("changed") on each
 * of the three collections for the changed-since reads, {@code members} on {@code groups} and {@code partners} on
 * {@code projects} for a member's groups and projects.
 */
@Component
class ViewIndexes implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ViewIndexes.class);

    private final MongoTemplate mongo;

    ViewIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        for (ViewKind view : ViewKind.values()) {
            mongo.indexOps(view.collection()).createIndex(new Index().on(ViewKind.UPDATED_AT, Sort.Direction.ASC)
                    .on("_id", Sort.Direction.ASC).named("changed"));
        }
        mongo.indexOps(ViewKind.GROUP.collection())
                .createIndex(new Index().on(GroupInterests.MEMBERS, Sort.Direction.ASC).named("members"));
        mongo.indexOps(ViewKind.PROJECT.collection())
                .createIndex(new Index().on(ProjectNeeds.PARTNERS, Sort.Direction.ASC).named("partners"));
        log.debug("Matching view indexes ensured");
    }
}
