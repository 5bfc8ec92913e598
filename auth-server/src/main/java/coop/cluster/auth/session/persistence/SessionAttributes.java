package coop.cluster.auth.session.persistence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.springframework.core.ConfigurableObjectInputStream;

/**
 * How a session attribute is kept in a document: JDK serialisation, one value per attribute, as
 * Spring Session's JDBC and Redis repositories keep theirs. Everything the login flow puts in a
 * session is {@link Serializable} by contract (Spring Security's contexts, authentications and
 * authorities, saved requests, CSRF tokens, the upstream login's authorization request), and JDK
 * serialisation reads them all back without an allow-list of our own to keep up to date, unlike
 * Jackson's.
 *
 * <p>Reading is filtered all the same ({@link #FILTER}): only JDK, Spring, Nimbus (the claims of an
 * upstream ID token) and platform classes, within size and depth limits. The store is ours, but a
 * document that was tampered with must not be able to instantiate an arbitrary class of the class
 * path.
 *
 * <p>Field names: an attribute name may hold dots ({@code
 * org.springframework.security...CSRF_TOKEN}) and a document's field name may not, so {@code %},
 * {@code .} and {@code $} are percent-encoded ({@link #field}).
 */
final class SessionAttributes {

    /** What a stored attribute may contain; the rest is refused before it is instantiated. */
    static final ObjectInputFilter FILTER =
            ObjectInputFilter.Config.createFilter(
                    "maxdepth=64;maxrefs=100000;maxbytes=1048576;maxarray=100000;"
                            + "java.**;org.springframework.**;com.nimbusds.**;coop.cluster.**;!*");

    private final ClassLoader loader;

    SessionAttributes(ClassLoader loader) {
        this.loader = loader;
    }

    byte[] write(String name, Object value) {
        if (!(value instanceof Serializable)) {
            throw new IllegalArgumentException(
                    "Session attribute "
                            + name
                            + " is not Serializable: "
                            + value.getClass().getName());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Session attribute " + name + " cannot be serialised", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws UnreadableAttribute when the value's class is refused, unknown, or changed since it
     *     was written (an instance of another version of the issuer wrote it)
     */
    Object read(String name, byte[] value) {
        try (ConfigurableObjectInputStream in =
                new ConfigurableObjectInputStream(new ByteArrayInputStream(value), loader)) {
            in.setObjectInputFilter(FILTER);
            return in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new UnreadableAttribute(name, e);
        }
    }

    /**
     * The document field of an attribute name: {@code %}, {@code .} and {@code $} percent-encoded.
     */
    static String field(String attribute) {
        StringBuilder field = new StringBuilder(attribute.length() + 8);
        for (char c : attribute.toCharArray()) {
            switch (c) {
                case '%' -> field.append("%25");
                case '.' -> field.append("%2E");
                case '$' -> field.append("%24");
                default -> field.append(c);
            }
        }
        return field.toString();
    }

    /** The attribute name of a document field ({@link #field} undone). */
    static String attribute(String field) {
        StringBuilder attribute = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '%' && i + 2 < field.length()) {
                attribute.append((char) Integer.parseInt(field.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                attribute.append(c);
            }
        }
        return attribute.toString();
    }

    /**
     * A stored attribute that cannot be read back: the session is worth nothing, the person logs in
     * again.
     */
    static final class UnreadableAttribute extends RuntimeException {

        UnreadableAttribute(String name, Exception cause) {
            super("Session attribute " + name + " cannot be read: " + describe(cause), cause);
        }

        private static String describe(Exception cause) {
            return cause instanceof InvalidClassException invalid
                    ? "class changed or refused (" + invalid.getMessage() + ")"
                    : cause.toString();
        }
    }
}
