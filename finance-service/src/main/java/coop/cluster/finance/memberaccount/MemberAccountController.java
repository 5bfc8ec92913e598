package coop.cluster.finance.memberaccount;

import static coop.cluster.plumbing.security.ClusterRole.DELEGATE;
import static coop.cluster.plumbing.security.ClusterRole.FINANCE;
import static coop.cluster.plumbing.security.ClusterRole.MANAGER;
import static coop.cluster.plumbing.security.ClusterRole.MEMBER;

import coop.cluster.finance.memberaccount.domain.MemberAccount;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/finance/member-accounts")
class MemberAccountController {

    private final MemberAccounts accounts;

    MemberAccountController(MemberAccounts accounts) {
        this.accounts = accounts;
    }

    /**
     * Finance staff and managers read any member's account; a member's users (members, delegates) read their own
     * organisation's only, and another organisation's account is "not found" to them.
     */
    @GetMapping("/{memberId}")
    MemberAccount get(@PathVariable String memberId, Caller caller) {
        if (!caller.hasAny(FINANCE, MANAGER) && !caller.belongsTo(memberId)) {
            if (caller.hasAny(MEMBER, DELEGATE)) {
                throw ProblemException.notFound("member account", memberId);
            }
            throw ProblemException.forbidden();
        }
        return accounts.find(memberId).orElseThrow(() -> ProblemException.notFound("member account", memberId));
    }
}
