package coop.cluster.web.api;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Links between the pages of a list that keep the search's other parameters ({@code
 * ${@pages.link(currentPath, currentQuery, n)}}): filters stay in the URL, so a page of results can
 * be shared.
 */
@Component("pages")
public class Pages {

    /**
     * The path with the same query, its {@code page} parameter set to {@code number} (0-based) and
     * {@code lang} dropped.
     */
    public String link(String path, String query, int number) {
        List<String> kept = new ArrayList<>();
        if (query != null && !query.isBlank()) {
            for (String pair : query.split("&")) {
                String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
                if (!name.isEmpty() && !"page".equals(name) && !"lang".equals(name)) {
                    kept.add(pair);
                }
            }
        }
        if (number > 0) {
            kept.add("page=" + URLEncoder.encode(Integer.toString(number), StandardCharsets.UTF_8));
        }
        return kept.isEmpty() ? path : path + "?" + String.join("&", kept);
    }
}
