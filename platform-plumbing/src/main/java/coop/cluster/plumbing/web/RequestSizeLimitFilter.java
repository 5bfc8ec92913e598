package coop.cluster.plumbing.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body larger than the limit before anything reads it, with a 413 problem,
 * whatever its framing: a declared {@code Content-Length} over the limit is refused at once; a body
 * of unknown length ({@code Transfer-Encoding: chunked}) is read here up to the limit, refused as
 * soon as it goes beyond, and otherwise handed on as read.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    /**
     * How much of an oversized chunked body is read and dropped, so that the client can read the
     * 413.
     */
    static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private final long maxBytes;
    private final ProblemWriter problems;

    public RequestSizeLimitFilter(long maxBytes, ProblemWriter problems) {
        this.maxBytes = maxBytes;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            refuse(request, response, true);
            return;
        }
        if (length < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            byte[] body = readAtMost(request.getInputStream(), maxBytes);
            if (body == null) {
                // the client is still sending: read (and drop) up to DRAIN_LIMIT so that it can
                // read the 413
                long rest = request.getInputStream().skip(Math.max(DRAIN_LIMIT, maxBytes));
                refuse(request, response, request.getInputStream().read() >= 0 || rest < 0);
                return;
            }
            chain.doFilter(new ReadBodyRequest(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, boolean unread)
            throws IOException {
        if (unread) { // the rest of the body is not read: the connection is not worth keeping
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        problems.write(
                request,
                response,
                HttpStatus.CONTENT_TOO_LARGE,
                "payload-too-large",
                new Object[] {maxBytes});
    }

    /**
     * The whole stream if it holds at most {@code limit} bytes, else null (having read one byte
     * past it).
     */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        return body.length > limit ? null : body;
    }
}
