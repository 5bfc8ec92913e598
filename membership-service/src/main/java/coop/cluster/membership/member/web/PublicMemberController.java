package coop.cluster.membership.member.web;

import coop.cluster.membership.member.Members;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.web.PagedModel;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cluster's public page, for anyone, without a token: its active members that chose to be
 * listed ({@code listedPublicly}), with only what they publish. The security chain opens GET and
 * HEAD on {@code /api/public/**} and nothing else.
 */
@RestController
@Validated
@RequestMapping("/api/public/members")
class PublicMemberController {

    private final Members members;

    PublicMemberController(Members members) {
        this.members = members;
    }

    @Operation(
            summary = "The cluster's members, for its public page",
            description =
                    "Anyone, no token needed. The active members that chose to be listed publicly"
                        + " (listedPublicly on their profile), by legal name (case and accents"
                        + " aside): legalName, country, region, sectors, organisationType, website,"
                        + " description and memberSince (when admitted). Nothing else: no id,"
                        + " registration number, contacts or history. A suspended, former or"
                        + " excluded member is not listed. Filters: q (part of the legal name, any"
                        + " case or accents), country (ISO 3166-1 alpha-2). Paginated: page from 0,"
                        + " size 1 to 100 (default 20); the answer is Spring Data's PagedModel:"
                        + " {content: [...], page: {size, number, totalElements, totalPages}}.")
    @SecurityRequirements
    @GetMapping
    PagedModel<PublicMemberView> list(
            @Parameter(description = "part of the legal name, case and accents aside")
                    @RequestParam(required = false)
                    @Size(max = 200)
                    String q,
            @Parameter(description = "ISO 3166-1 alpha-2 country code")
                    @RequestParam(required = false)
                    @Pattern(regexp = "[A-Za-z]{2}", message = "{country.iso3166}")
                    String country,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        String countryCode =
                country == null || country.isBlank() ? null : country.toUpperCase(Locale.ROOT);
        return new PagedModel<>(
                members.publicMembers(q, countryCode, PageRequest.of(page, size))
                        .map(PublicMemberView::of));
    }
}
