package coop.cluster.finance.memberaccount.web;

import coop.cluster.finance.memberaccount.MemberAccountAccess;
import coop.cluster.finance.memberaccount.MemberAccounts;
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
     * Finance staff and managers read any member's account; a member's users (members, delegates)
     * read their own organisation's only, and another organisation's account is "not found" to
     * them.
     */
    @GetMapping("/{memberId}")
    MemberAccount get(@PathVariable String memberId, Caller caller) {
        MemberAccountAccess.checkMayRead(caller, memberId);
        return accounts.find(memberId)
                .orElseThrow(() -> ProblemException.notFound("member account", memberId));
    }
}
