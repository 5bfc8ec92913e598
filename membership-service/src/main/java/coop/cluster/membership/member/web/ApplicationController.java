package coop.cluster.membership.member.web;

import coop.cluster.membership.member.Applications;
import coop.cluster.membership.member.MemberAccess;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.membership.member.domain.Member;
import coop.cluster.membership.member.domain.MemberId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/members")
class ApplicationController {

    private final Applications applications;

    ApplicationController(Applications applications) {
        this.applications = applications;
    }

    @PostMapping("/applications")
    ResponseEntity<MemberView> apply(@Valid @RequestBody ApplicationRequest request, Caller caller) {
        MemberAccess.checkMayApply(caller);
        Member member = applications.apply(request.legalName(), request.registrationNumber(), request.country());
        return ResponseEntity.created(URI.create("/api/members/" + member.id())).body(MemberView.of(member));
    }

    @GetMapping("/{id}")
    MemberView get(@PathVariable @Pattern(regexp = "[0-9a-f-]{36}") String id, Caller caller) {
        MemberId member = new MemberId(id);
        MemberAccess.checkMayRead(caller, member);
        return MemberView.of(applications.get(member));
    }

    record ApplicationRequest(@NotBlank @Size(max = 200) String legalName,
                              @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9 ./-]+") String registrationNumber,
                              @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "{country.iso3166}") String country) {
    }

    record MemberView(String id, String legalName, String registrationNumber, String country, String status,
                      Instant appliedAt, long version) {
        static MemberView of(Member member) {
            return new MemberView(member.id().value(), member.legalName(), member.registrationNumber(),
                    member.country(), member.status().name(), member.appliedAt(), member.version());
        }
    }
}
