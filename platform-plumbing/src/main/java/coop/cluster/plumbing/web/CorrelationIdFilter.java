package coop.cluster.plumbing.web;

import coop.cluster.plumbing.events.EventHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the correlation id the gateway (or a client) sent, or makes one, puts it in the logging
 * context and on the response. Events created while handling the request carry it too.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String incoming = request.getHeader(EventHeaders.CORRELATION_ID_HTTP);
        String correlationId =
                incoming != null && ACCEPTABLE.matcher(incoming).matches()
                        ? incoming
                        : UUID.randomUUID().toString();
        response.setHeader(EventHeaders.CORRELATION_ID_HTTP, correlationId);
        try (var ignored = MDC.putCloseable(EventHeaders.CORRELATION_ID_MDC, correlationId)) {
            chain.doFilter(request, response);
        }
    }
}
