package coop.cluster.finance.memberaccount;

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

    @GetMapping("/{memberId}")
    MemberAccounts.MemberAccount get(@PathVariable String memberId) {
        return accounts.find(memberId).orElseThrow(() -> ProblemException.notFound("member account", memberId));
    }
}
