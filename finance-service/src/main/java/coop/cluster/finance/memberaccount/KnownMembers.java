package coop.cluster.finance.memberaccount;

import coop.cluster.plumbing.web.ProblemException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The members finance knows: those membership-service announced on {@code membership.members} (a
 * member account is opened by the application and follows the member's status). Money recorded
 * against a member by hand (a ledger posting to a member's sub-account, an in-kind contribution, an
 * expense paid to a member or for a project partner) must name one of them: acceptance testing
 * recorded payments, donations, grants and in-kind receipts against {@code "not-a-uuid"} and the
 * nil UUID, which opened sub-accounts for members that do not exist.
 */
@Component
public class KnownMembers {

    private final MemberAccounts accounts;

    KnownMembers(MemberAccounts accounts) {
        this.accounts = accounts;
    }

    /** Whether membership announced a member with this id. */
    public boolean known(String memberId) {
        return memberId != null && !memberId.isBlank() && accounts.exists(memberId);
    }

    /** The ids among {@code memberIds} that finance does not know, in order. */
    public List<String> unknown(Collection<String> memberIds) {
        List<String> unknown = new ArrayList<>();
        for (String id : new LinkedHashSet<>(memberIds)) {
            if (!known(id)) {
                unknown.add(id);
            }
        }
        return unknown;
    }

    /**
     * Refuses an unknown member: 422 {@code member-unknown} naming the field and the id.
     *
     * @param field where the id was given, e.g. {@code memberId} or {@code postings[0].account}
     */
    public void require(String memberId, String field) {
        if (!known(memberId)) {
            throw ProblemException.unprocessable(MEMBER_UNKNOWN, field, String.valueOf(memberId));
        }
    }

    /** The problem code of an unknown member. */
    public static final String MEMBER_UNKNOWN = "member-unknown";

    /**
     * The member ids an account code names: the segment after each {@code M} ({@code
     * 2500:J:p:M:<member>}).
     */
    public static Set<String> memberIdsIn(String accountCode) {
        Set<String> ids = new LinkedHashSet<>();
        if (accountCode == null) {
            return ids;
        }
        String[] parts = accountCode.split(":", -1);
        for (int i = 1; i + 1 < parts.length; i += 2) {
            if ("M".equals(parts[i])) {
                ids.add(parts[i + 1]);
            }
        }
        return ids;
    }
}
