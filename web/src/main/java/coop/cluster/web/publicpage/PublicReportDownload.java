package coop.cluster.web.publicpage;

import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.server.ResponseStatusException;

/**
 * A published report for visitors, in one of its formats ({@code /public/reports/2026-Q1.pdf}): the
 * console passes the gateway's anonymous answer on ({@code GET
 * /api/public/reports/{period}?format=...&lang=...}), with its type and a file name, so a visitor
 * never needs a token nor reaches the API.
 */
@Controller
class PublicReportDownload {

    /** 2026, 2026-Q1, 2026-03: the periods reports exist for. */
    private static final Pattern PERIOD = Pattern.compile("\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?");

    private static final Map<String, MediaType> FORMATS =
            Map.of(
                    "json",
                    MediaType.APPLICATION_JSON,
                    "csv",
                    MediaType.parseMediaType("text/csv;charset=UTF-8"),
                    "html",
                    MediaType.parseMediaType("text/html;charset=UTF-8"),
                    "pdf",
                    MediaType.APPLICATION_PDF);

    private final RestClient api;

    PublicReportDownload(@Qualifier("publicGatewayApi") RestClient publicGatewayApi) {
        this.api = publicGatewayApi;
    }

    @GetMapping("/public/reports/{period}.{format:json|csv|html|pdf}")
    ResponseEntity<byte[]> download(@PathVariable String period, @PathVariable String format) {
        if (!PERIOD.matcher(period).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        String lang = "en".equals(LocaleContextHolder.getLocale().getLanguage()) ? "en" : "fr";
        try {
            byte[] body =
                    api.get()
                            .uri(
                                    "/api/public/reports/{period}?format={format}&lang={lang}",
                                    period,
                                    format,
                                    lang)
                            .retrieve()
                            .body(byte[].class);
            // a download, also the HTML page: the console's Content-Security-Policy would refuse
            // its inline styles
            return ResponseEntity.ok()
                    .contentType(FORMATS.get(format))
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            "attachment; filename=\"cluster-report-" + period + "." + format + "\"")
                    .body(body);
        } catch (RestClientResponseException e) {
            throw new ResponseStatusException(
                    e.getStatusCode().is4xxClientError()
                            ? HttpStatus.NOT_FOUND
                            : HttpStatus.SERVICE_UNAVAILABLE);
        } catch (RestClientException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE);
        }
    }
}
