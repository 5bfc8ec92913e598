package coop.cluster.web.reports;

import coop.cluster.web.api.Panels;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The published reports, for every signed-in person: the list, a report's page, and its downloads
 * (PDF, CSV, HTML, JSON), which the console streams from the API with their content type and a
 * Content-Disposition, so that no link to the API (and no token) ever reaches the browser.
 */
@Controller
class ReportsController {

    static final int SIZE = 20;

    private final ReportsApi reports;

    ReportsController(ReportsApi reports) {
        this.reports = reports;
    }

    @GetMapping("/reports")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute(
                "reports",
                Panels.load("reports", () -> reports.published(Math.max(0, page), SIZE).toPage()));
        model.addAttribute("formats", ReportsApi.FORMATS);
        return "reports/list";
    }

    @GetMapping("/reports/{periodId}")
    String report(@PathVariable String periodId, Model model) {
        String id = ReportIds.checked(periodId);
        model.addAttribute("periodId", id);
        model.addAttribute("report", Panels.load("report", () -> reports.report(id)));
        model.addAttribute("formats", ReportsApi.FORMATS);
        return "reports/report";
    }

    /**
     * Streams the API's answer: its content type, and a Content-Disposition naming the file in the
     * reader's language.
     */
    @GetMapping("/reports/{periodId}/download/{format:pdf|csv|html|json}")
    void download(
            @PathVariable String periodId,
            @PathVariable String format,
            Locale locale,
            HttpServletResponse response) {
        String id = ReportIds.checked(periodId);
        String lang = "en".equals(locale.getLanguage()) ? "en" : "fr";
        reports.download(
                id,
                format,
                lang,
                answer -> {
                    if (!answer.status().is2xxSuccessful()) {
                        throw new ResponseStatusException(
                                answer.status().value() == 404
                                        ? HttpStatus.NOT_FOUND
                                        : HttpStatus.SERVICE_UNAVAILABLE);
                    }
                    MediaType type = answer.headers().getContentType();
                    response.setStatus(200);
                    response.setContentType(
                            type == null
                                    ? MediaType.APPLICATION_OCTET_STREAM_VALUE
                                    : type.toString());
                    response.setHeader(
                            HttpHeaders.CONTENT_DISPOSITION,
                            "attachment; filename=\""
                                    + ("fr".equals(lang) ? "rapport-" : "report-")
                                    + id
                                    + "-"
                                    + lang
                                    + "."
                                    + format
                                    + "\"");
                    if (answer.headers().getContentLength() >= 0) {
                        response.setContentLengthLong(answer.headers().getContentLength());
                    }
                    try {
                        answer.body().transferTo(response.getOutputStream());
                        response.flushBuffer();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                });
    }
}
