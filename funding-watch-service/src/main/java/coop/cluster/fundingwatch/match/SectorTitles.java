package coop.cluster.fundingwatch.match;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The titles of NACE Rev. 2 sections (English and French) and divisions (English), from {@code
 * matching/nace-rev2.tsv}: a member's sector codes become words a call can be searched for.
 */
final class SectorTitles {

    private static final SectorTitles INSTANCE = load();

    private final Map<String, List<String>> titles;

    private SectorTitles(Map<String, List<String>> titles) {
        this.titles = titles;
    }

    static SectorTitles get() {
        return INSTANCE;
    }

    /**
     * The titles of a member's sectors: for {@code J62.01}, section J's and division 62's; codes in
     * another form give what they can (a bare section {@code J}, a division {@code 62}). Distinct,
     * in the codes' order.
     */
    List<String> of(List<String> codes) {
        Set<String> found = new LinkedHashSet<>();
        for (String code : codes) {
            if (code == null || code.isBlank()) {
                continue;
            }
            String c = code.strip().toUpperCase(java.util.Locale.ROOT);
            int start = 0;
            if (Character.isLetter(c.charAt(0))) {
                found.addAll(titles.getOrDefault(c.substring(0, 1), List.of()));
                start = 1;
            }
            if (c.length() >= start + 2) {
                found.addAll(titles.getOrDefault(c.substring(start, start + 2), List.of()));
            }
        }
        return List.copyOf(found);
    }

    private static SectorTitles load() {
        Map<String, List<String>> titles = new HashMap<>();
        try (InputStream in = SectorTitles.class.getResourceAsStream("/matching/nace-rev2.tsv")) {
            if (in == null) {
                throw new IllegalStateException(
                        "matching/nace-rev2.tsv is missing from the classpath");
            }
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t");
                // a section's English and French titles are one label: a word found in both counts
                // once
                titles.put(
                        cells[0],
                        List.of(String.join(" / ", List.of(cells).subList(1, cells.length))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SectorTitles(Map.copyOf(titles));
    }
}
