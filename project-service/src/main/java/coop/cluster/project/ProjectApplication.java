package coop.cluster.project;

import coop.cluster.plumbing.events.EventCatalog;
import coop.cluster.project.project.events.ProjectAbandoned;
import coop.cluster.project.project.events.ProjectClosed;
import coop.cluster.project.project.events.ProjectCreated;
import coop.cluster.project.project.events.ProjectUpdated;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class ProjectApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProjectApplication.class, args);
    }

    /** Every integration event this service publishes. */
    @Bean
    EventCatalog eventCatalog() {
        return EventCatalog.of(ProjectCreated.class, ProjectUpdated.class, ProjectClosed.class,
                ProjectAbandoned.class);
    }
}
