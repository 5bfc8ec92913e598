package coop.cluster.finance.reconciliation.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every problem the reconciliation's endpoints answer carries its {@code code}, the last segment of
 * its {@code type} ({@code https://cluster.coop/problems/statement-empty} has {@code
 * statement-empty}), whoever wrote it: this service's handlers, the platform's (validation, 404,
 * 415), its request size limit (413) or its security (401, 403), so that a client reads one field
 * whatever the refusal.
 *
 * <p>Registered on {@code /api/finance/reconciliation/*} before every other filter: it holds back a
 * response only when it is a problem (a status of 400 or more with {@code
 * application/problem+json}), adds the code when missing, and writes it on.
 */
class ProblemCodeFilter extends OncePerRequestFilter {

    private static final String TYPE_BASE = "https://cluster.coop/problems/";

    private final ObjectMapper json;

    ProblemCodeFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ProblemResponse wrapped = new ProblemResponse(response);
        try {
            chain.doFilter(request, wrapped);
        } finally {
            wrapped.finish(json);
        }
    }

    /** A response that keeps a problem body back to add its code. */
    private static final class ProblemResponse extends HttpServletResponseWrapper {

        private ByteArrayOutputStream held;
        private ServletOutputStream stream;
        private PrintWriter writer;

        ProblemResponse(HttpServletResponse response) {
            super(response);
        }

        private boolean isProblem() {
            String type = getContentType();
            return getStatus() >= 400
                    && type != null
                    && type.toLowerCase(java.util.Locale.ROOT)
                            .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        }

        private boolean holding() {
            if (held == null && !isCommitted() && isProblem()) {
                held = new ByteArrayOutputStream();
            }
            return held != null;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (writer == null && holding()) {
                if (stream == null) {
                    stream =
                            new ServletOutputStream() {
                                @Override
                                public boolean isReady() {
                                    return true;
                                }

                                @Override
                                public void setWriteListener(WriteListener listener) {
                                    throw new UnsupportedOperationException(
                                            "synchronous writes only");
                                }

                                @Override
                                public void write(int b) {
                                    held.write(b);
                                }

                                @Override
                                public void write(byte[] bytes, int offset, int length) {
                                    held.write(bytes, offset, length);
                                }
                            };
                }
                return stream;
            }
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (stream == null && holding()) {
                if (writer == null) {
                    writer = new PrintWriter(new OutputStreamWriter(held, StandardCharsets.UTF_8));
                }
                return writer;
            }
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            if (held == null) {
                super.flushBuffer();
            }
        }

        @Override
        public void setContentLength(int length) {
            if (held == null) {
                super.setContentLength(length);
            }
        }

        @Override
        public void setContentLengthLong(long length) {
            if (held == null) {
                super.setContentLengthLong(length);
            }
        }

        /** Writes the problem held back, with its code. */
        void finish(ObjectMapper json) throws IOException {
            if (held == null) {
                return;
            }
            if (writer != null) {
                writer.flush();
            }
            byte[] body = held.toByteArray();
            try {
                JsonNode problem = json.readTree(body);
                if (problem instanceof ObjectNode object && !object.hasNonNull("code")) {
                    String type = object.path("type").asString("");
                    if (type.startsWith(TYPE_BASE) && type.length() > TYPE_BASE.length()) {
                        object.put("code", type.substring(TYPE_BASE.length()));
                        body = json.writeValueAsBytes(object);
                    }
                }
            } catch (RuntimeException notJson) {
                // written as it came
            }
            HttpServletResponse response = (HttpServletResponse) getResponse();
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.flushBuffer();
        }
    }
}
