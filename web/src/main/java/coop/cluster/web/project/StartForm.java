package coop.cluster.web.project;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The "start a project" form as typed, kept whole when the API refuses it. */
public class StartForm {

    static final List<String> RESOURCE_TYPES =
            List.of("PREMISES", "EQUIPMENT", "EXPERTISE", "SERVICES", "CONTACTS");

    private String title;
    private String description;
    private String theme;
    private String neededCompetences;
    private List<ResourceRow> neededResources =
            new ArrayList<>(List.of(new ResourceRow(), new ResourceRow()));
    private String targetCallId;
    private String targetCallTitle;

    ProjectApi.StartRequest toRequest() {
        List<ProjectApi.Resource> resources =
                neededResources.stream()
                        .filter(r -> !blank(r.getType()) || !blank(r.getDescription()))
                        .map(
                                r ->
                                        new ProjectApi.Resource(
                                                trim(r.getType()), trim(r.getDescription())))
                        .toList();
        List<String> competences =
                neededCompetences == null
                        ? List.of()
                        : Arrays.stream(neededCompetences.split("[,;\\n]"))
                                .map(String::strip)
                                .filter(s -> !s.isEmpty())
                                .toList();
        return new ProjectApi.StartRequest(
                trim(title),
                trim(description),
                trim(theme),
                competences,
                resources,
                trim(targetCallId));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String trim(String value) {
        return blank(value) ? null : value.strip();
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getTheme() {
        return theme;
    }

    public void setTheme(String theme) {
        this.theme = theme;
    }

    public String getNeededCompetences() {
        return neededCompetences;
    }

    public void setNeededCompetences(String neededCompetences) {
        this.neededCompetences = neededCompetences;
    }

    public List<ResourceRow> getNeededResources() {
        return neededResources;
    }

    public void setNeededResources(List<ResourceRow> neededResources) {
        this.neededResources = neededResources;
    }

    public String getTargetCallId() {
        return targetCallId;
    }

    public void setTargetCallId(String targetCallId) {
        this.targetCallId = targetCallId;
    }

    public String getTargetCallTitle() {
        return targetCallTitle;
    }

    public void setTargetCallTitle(String targetCallTitle) {
        this.targetCallTitle = targetCallTitle;
    }

    /** A resource the project needs, as typed. */
    public static class ResourceRow {
        private String type;
        private String description;

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public String getDescription() {
            return description;
        }

        public void setDescription(String description) {
            this.description = description;
        }
    }
}
