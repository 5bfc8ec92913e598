package coop.cluster.web.project;

/**
 * The "invite a partner" form as typed: the member (from a suggestion or the directory), the role,
 * a message.
 */
public class InviteForm {

    private String memberId;
    private String memberName;
    private String role;
    private String message;

    ProjectApi.InviteRequest toRequest() {
        return new ProjectApi.InviteRequest(
                memberId,
                role == null || role.isBlank() ? null : role.strip(),
                message == null || message.isBlank() ? null : message.strip());
    }

    public String getMemberId() {
        return memberId;
    }

    public void setMemberId(String memberId) {
        this.memberId = memberId;
    }

    public String getMemberName() {
        return memberName;
    }

    public void setMemberName(String memberName) {
        this.memberName = memberName;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
