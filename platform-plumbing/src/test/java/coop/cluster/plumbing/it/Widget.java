package coop.cluster.plumbing.it;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/** A minimal aggregate for the plumbing's own tests. */
@Document("widgets")
record Widget(@Id String id, String name, int revision, @Version Long version) {

    Widget revise() {
        return new Widget(id, name, revision + 1, version);
    }
}
