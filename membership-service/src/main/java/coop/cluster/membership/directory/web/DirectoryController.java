package coop.cluster.membership.directory.web;

import coop.cluster.membership.directory.Directory;
import coop.cluster.plumbing.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The members directory: active members' public profiles and contacts, for active members and
 * managers.
 */
@RestController
@Validated
@RequestMapping("/api/directory")
class DirectoryController {

    private final Directory directory;

    DirectoryController(Directory directory) {
        this.directory = directory;
    }

    @Operation(
            summary = "Search the members directory",
            description =
                    "Active members only, with their contacts; visible to active members' users and"
                        + " managers. q: free text (names, descriptions, competences, resources,"
                        + " contacts), ranked; without q, by name. Filters, each repeatable (any of"
                        + " its values), all combined: competence (tag), sector (NACE code, matches"
                        + " the codes under it: J62 matches J62.01), region (NUTS code or country:"
                        + " FRK matches FRK26, FR every French member), resource (PREMISES,"
                        + " EQUIPMENT, EXPERTISE, SERVICES, CONTACTS), type (organisation type),"
                        + " group (a thematic group's id). The index follows the members' changes"
                        + " within about a second.")
    @GetMapping
    Page<DirectoryEntryView> search(
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(required = false) @Size(max = 20)
                    List<@Size(max = 100) String> competence,
            @RequestParam(required = false) @Size(max = 20) List<@Size(max = 20) String> sector,
            @RequestParam(required = false) @Size(max = 20) List<@Size(max = 20) String> region,
            @RequestParam(required = false) @Size(max = 5) List<@Size(max = 20) String> resource,
            @RequestParam(required = false) @Size(max = 6) List<@Size(max = 20) String> type,
            @RequestParam(required = false) @Size(max = 100) String group,
            @RequestParam(defaultValue = "0") @Min(0) @Max(Directory.MAX_HITS - 1) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            Caller caller) {
        var criteria = new Directory.Criteria(q, competence, sector, region, resource, type, group);
        return directory.search(caller, criteria, page, size).map(DirectoryEntryView::of);
    }
}
