package coop.cluster.membership.member.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classification codes of an organisation profile: ISO 3166-1 alpha-2 countries, NACE Rev. 2
 * activity codes and NUTS 2021 regions.
 */
public final class Codes {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /**
     * Optional section letter, then division, group and class: {@code 62}, {@code 62.0}, {@code
     * J62.01}, {@code C}.
     */
    private static final Pattern NACE = Pattern.compile("([A-U])?(?:(\\d{2})(?:\\.(\\d)(\\d)?)?)?");

    private static final Pattern NUTS = Pattern.compile("([A-Z]{2})[A-Z0-9]{0,3}");

    /**
     * NACE Rev. 2 sections and the divisions each covers; divisions outside every range do not
     * exist.
     */
    private static final char[] SECTIONS = "ABCDEFGHIJKLMNOPQRSTU".toCharArray();

    private static final int[][] SECTION_DIVISIONS = {
        {1, 3}, {5, 9}, {10, 33}, {35, 35}, {36, 39}, {41, 43}, {45, 47}, {49, 53}, {55, 56},
        {58, 63}, {64, 66}, {68, 68}, {69, 75}, {77, 82}, {84, 84}, {85, 85}, {86, 88}, {90, 93},
        {94, 96}, {97, 98}, {99, 99}
    };

    /** Every NACE Rev. 2 class ({@code 62.01}) and group ({@code 62.0}), without section letter. */
    private static final Set<String> GROUPS_AND_CLASSES =
            groupsAndClasses("/codes/nace-rev2-classes.txt");

    private Codes() {}

    public static boolean isCountry(String code) {
        return code != null && COUNTRIES.contains(code);
    }

    /**
     * The canonical form of a NACE Rev. 2 code, section letter first ({@code 62.01} → {@code
     * J62.01}), or empty if it is not one. A section letter that does not match the division is
     * refused, and so is a group or a class that NACE Rev. 2 does not have ({@code 99.9}, {@code
     * 62.05}), even in a division it has.
     */
    public static Optional<String> nace(String code) {
        if (code == null) {
            return Optional.empty();
        }
        Matcher m = NACE.matcher(code.strip().toUpperCase(Locale.ROOT));
        if (!m.matches() || m.group(1) == null && m.group(2) == null) {
            return Optional.empty();
        }
        if (m.group(2) == null) {
            return Optional.of(m.group(1));
        }
        int division = Integer.parseInt(m.group(2));
        Character section = sectionOf(division);
        if (section == null || m.group(1) != null && m.group(1).charAt(0) != section) {
            return Optional.empty();
        }
        StringBuilder canonical = new StringBuilder().append(section).append(m.group(2));
        if (m.group(3) != null
                && !GROUPS_AND_CLASSES.contains(
                        m.group(2) + "." + m.group(3) + (m.group(4) == null ? "" : m.group(4)))) {
            return Optional.empty();
        }
        if (m.group(3) != null) {
            canonical.append('.').append(m.group(3));
            if (m.group(4) != null) {
                canonical.append(m.group(4));
            }
        }
        return Optional.of(canonical.toString());
    }

    /**
     * Whether {@code region} is a NUTS code within {@code country}. NUTS writes Greece as {@code
     * EL}; the United Kingdom's former codes start with {@code UK}.
     */
    public static boolean isNutsIn(String region, String country) {
        if (region == null || country == null) {
            return false;
        }
        Matcher m = NUTS.matcher(region);
        return m.matches() && m.group(1).equals(nutsCountry(country));
    }

    static String nutsCountry(String iso) {
        return switch (iso) {
            case "GR" -> "EL";
            case "GB" -> "UK";
            default -> iso;
        };
    }

    private static Set<String> groupsAndClasses(String resource) {
        Set<String> codes = new HashSet<>();
        try (InputStream in = Codes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                for (String nace : line.strip().split("\\s+")) {
                    codes.add(nace);
                    codes.add(nace.substring(0, nace.length() - 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(codes);
    }

    private static Character sectionOf(int division) {
        for (int i = 0; i < SECTIONS.length; i++) {
            if (division >= SECTION_DIVISIONS[i][0] && division <= SECTION_DIVISIONS[i][1]) {
                return SECTIONS[i];
            }
        }
        return null;
    }
}
