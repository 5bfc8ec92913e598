package coop.cluster.finance.report.web;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import coop.cluster.finance.report.domain.PeriodReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;

/**
 * A report as a PDF for finance staff to print and sign: the very HTML page of {@link ReportHtml}
 * (labels in the requested language, amounts formatted for it, the seal), with its print rules (A4,
 * page numbers, a signature block), laid out by openhtmltopdf on PDFBox. The page is read by jsoup
 * (HTML5) into the DOM the renderer takes. The fonts are embedded (DejaVu Sans, Bold and Mono,
 * subset): every character the labels and the French number format use (accents, {@code €}, the
 * narrow no-break space) prints as it should, whatever the machine.
 */
final class ReportPdf {

    private static final String SANS = "DejaVu Sans";
    private static final String MONO = "DejaVu Sans Mono";
    private static final byte[] REGULAR = font("DejaVuSans.ttf");
    private static final byte[] BOLD = font("DejaVuSans-Bold.ttf");
    private static final byte[] MONOSPACE = font("DejaVuSansMono.ttf");

    private ReportPdf() {}

    static byte[] render(PeriodReport report, ReportLabels labels) {
        return fromHtml(ReportHtml.renderForPrint(report, labels));
    }

    /** The PDF of a self-contained HTML page (no external resource is fetched). */
    static byte[] fromHtml(String html) {
        org.w3c.dom.Document dom = W3CDom.convert(Jsoup.parse(html));
        ByteArrayOutputStream pdf = new ByteArrayOutputStream(64 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.withW3cDocument(dom, "about:blank");
        builder.useFont(() -> new ByteArrayInputStream(REGULAR), SANS, 400, FontStyle.NORMAL, true);
        builder.useFont(() -> new ByteArrayInputStream(BOLD), SANS, 700, FontStyle.NORMAL, true);
        builder.useFont(
                () -> new ByteArrayInputStream(MONOSPACE), MONO, 400, FontStyle.NORMAL, true);
        builder.useUriResolver((base, uri) -> null); // nothing external, ever
        builder.toStream(pdf);
        try {
            builder.run();
        } catch (IOException failed) {
            throw new UncheckedIOException("the report could not be laid out as a PDF", failed);
        }
        return pdf.toByteArray();
    }

    private static byte[] font(String file) {
        try (InputStream in = ReportPdf.class.getResourceAsStream("/report/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("font " + file + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
