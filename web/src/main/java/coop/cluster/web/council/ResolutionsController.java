package coop.cluster.web.council;

import coop.cluster.web.api.Panels;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The council's resolutions in force: fee schedules by year, fee exemptions, thematic groups. */
@Controller
class ResolutionsController {

    private final CouncilApi api;

    ResolutionsController(CouncilApi api) {
        this.api = api;
    }

    @GetMapping("/council/resolutions")
    String resolutions(Model model) {
        model.addAttribute(
                "schedules", Panels.load("council-fee-schedules", () -> api.feeSchedules(0, 20)));
        model.addAttribute(
                "exemptions", Panels.load("council-exemptions", () -> api.exemptions(0, 50)));
        model.addAttribute("groups", Panels.load("council-groups", () -> api.groups(0, 50)));
        var names =
                Panels.load(
                        "council-organisations",
                        () ->
                                api.organisations().stream()
                                        .collect(
                                                Collectors.toMap(
                                                        CouncilApi.Organisation::id,
                                                        CouncilApi.Organisation::legalName,
                                                        (a, b) -> a)));
        // an exemption names its member; without the directory it shows no name, the rest of the
        // row stays
        model.addAttribute("names", names.unavailable() ? Map.of() : names.data());
        model.addAttribute("categories", ProposalForm.CATEGORIES);
        return "council/resolutions";
    }
}
