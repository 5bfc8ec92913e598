package coop.cluster.web.council;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a person types to table a proposal, kept as typed (strings) so a refused form shows it
 * again. {@link #body} makes the API's request ({@code POST /api/council/proposals}).
 */
public class ProposalForm {

    /** The motions the council votes on, in the order the page offers them. */
    public static final List<String> KINDS =
            List.of("FEE_SCHEDULE", "FEE_EXEMPTION", "GROUP_CREATION", "OVERDUE_POLICY");

    /** The member categories a fee schedule prices (membership's organisation types). */
    public static final List<String> CATEGORIES =
            List.of("SME", "LARGE_COMPANY", "RESEARCH", "EDUCATION", "ASSOCIATION", "PUBLIC_BODY");

    public static final List<String> LATE_ADMISSIONS =
            List.of("PRO_RATA_MONTHS", "FULL_YEAR", "FREE_UNTIL_NEXT_YEAR");

    private String kind = "FEE_SCHEDULE";
    private String title = "";

    /**
     * {@code yyyy-MM-ddTHH:mm} in the cluster's time zone, as an {@code <input
     * type="datetime-local">} sends it.
     */
    private String deadline = "";

    private String feeYear = "";
    private String currency = "EUR";
    private Map<String, String> amounts = new LinkedHashMap<>();
    private String lateAdmission = "PRO_RATA_MONTHS";
    private String memberId = "";
    private String extent = "FULL";
    private String percent = "";
    private String reason = "";
    private String validFrom = "";
    private String validUntil = "";
    private String name = "";
    private String description = "";
    private String interests = "";
    private String suspend = "true";
    private String suspendAfterDays = "30";

    public ProposalForm() {
        CATEGORIES.forEach(c -> amounts.put(c, ""));
    }

    /**
     * The API's request; values that cannot be numbers or dates are sent as null, which the API
     * names.
     */
    public Map<String, Object> body(ZoneId zone) {
        Map<String, Object> motion = new LinkedHashMap<>();
        motion.put("kind", kind);
        switch (kind) {
            case "FEE_SCHEDULE" -> {
                motion.put("feeYear", integer(feeYear));
                motion.put("currency", currency.strip().toUpperCase(java.util.Locale.ROOT));
                Map<String, Object> sent = new LinkedHashMap<>();
                amounts.forEach((category, amount) -> sent.put(category, decimal(amount)));
                motion.put("amounts", sent);
                motion.put("lateAdmission", lateAdmission);
            }
            case "FEE_EXEMPTION" -> {
                motion.put("memberId", blankToNull(memberId));
                motion.put("extent", extent);
                motion.put("percent", "PARTIAL".equals(extent) ? decimal(percent) : null);
                motion.put("reason", reason);
                motion.put("validFrom", blankToNull(validFrom));
                motion.put("validUntil", blankToNull(validUntil));
            }
            case "GROUP_CREATION" -> {
                motion.put("name", name);
                motion.put("description", blankToNull(description));
                List<String> tags = new ArrayList<>();
                Arrays.stream(interests.split("[,;\\n]"))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .forEach(tags::add);
                motion.put("interests", tags);
            }
            default -> {
                motion.put("suspend", Boolean.valueOf(suspend));
                motion.put("suspendAfterDays", integer(suspendAfterDays));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("deadline", deadlineInstant(zone));
        body.put("motion", motion);
        return body;
    }

    /**
     * The deadline as an instant string, or null (the API's default period) when none or
     * unreadable.
     */
    String deadlineInstant(ZoneId zone) {
        if (deadline == null || deadline.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(deadline.strip()).atZone(zone).toInstant().toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Integer integer(String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String decimal(String value) {
        if (value == null) {
            return null;
        }
        String normalised = value.strip().replace('\u00a0', ' ').replace(" ", "").replace(',', '.');
        try {
            return new java.math.BigDecimal(normalised).toPlainString();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind != null && KINDS.contains(kind) ? kind : "FEE_SCHEDULE";
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title == null ? "" : title;
    }

    public String getDeadline() {
        return deadline;
    }

    public void setDeadline(String deadline) {
        this.deadline = deadline == null ? "" : deadline;
    }

    public String getFeeYear() {
        return feeYear;
    }

    public void setFeeYear(String feeYear) {
        this.feeYear = feeYear == null ? "" : feeYear;
    }

    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency == null ? "" : currency;
    }

    public Map<String, String> getAmounts() {
        return amounts;
    }

    public void setAmounts(Map<String, String> amounts) {
        this.amounts = amounts;
    }

    public String getLateAdmission() {
        return lateAdmission;
    }

    public void setLateAdmission(String lateAdmission) {
        this.lateAdmission =
                lateAdmission != null && LATE_ADMISSIONS.contains(lateAdmission)
                        ? lateAdmission
                        : "PRO_RATA_MONTHS";
    }

    public String getMemberId() {
        return memberId;
    }

    public void setMemberId(String memberId) {
        this.memberId = memberId == null ? "" : memberId;
    }

    public String getExtent() {
        return extent;
    }

    public void setExtent(String extent) {
        this.extent = "PARTIAL".equals(extent) ? "PARTIAL" : "FULL";
    }

    public String getPercent() {
        return percent;
    }

    public void setPercent(String percent) {
        this.percent = percent == null ? "" : percent;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason == null ? "" : reason;
    }

    public String getValidFrom() {
        return validFrom;
    }

    public void setValidFrom(String validFrom) {
        this.validFrom = validFrom == null ? "" : validFrom;
    }

    public String getValidUntil() {
        return validUntil;
    }

    public void setValidUntil(String validUntil) {
        this.validUntil = validUntil == null ? "" : validUntil;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? "" : name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description == null ? "" : description;
    }

    public String getInterests() {
        return interests;
    }

    public void setInterests(String interests) {
        this.interests = interests == null ? "" : interests;
    }

    public String getSuspend() {
        return suspend;
    }

    public void setSuspend(String suspend) {
        this.suspend = "false".equals(suspend) ? "false" : "true";
    }

    public String getSuspendAfterDays() {
        return suspendAfterDays;
    }

    public void setSuspendAfterDays(String days) {
        this.suspendAfterDays = days == null ? "" : days;
    }
}
