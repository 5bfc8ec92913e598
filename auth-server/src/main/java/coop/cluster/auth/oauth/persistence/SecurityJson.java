package coop.cluster.auth.oauth.persistence;

import java.util.Map;
import org.springframework.security.jackson.SecurityJacksonModules;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of the authorization server's attributes and settings, written as Spring Authorization
 * Server's JDBC services write theirs (Spring Security 7: Jackson 3 and {@link
 * SecurityJacksonModules}, which brings the authorization server's own module and an allow-list of
 * the types that may be read back). Polymorphic values carry their class, so only the allowed types
 * can ever be instantiated from a document.
 */
final class SecurityJson {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JsonMapper json;

    SecurityJson() {
        ClassLoader loader = SecurityJson.class.getClassLoader();
        this.json =
                JsonMapper.builder().addModules(SecurityJacksonModules.getModules(loader)).build();
    }

    String write(Map<String, Object> map) {
        return json.writeValueAsString(plain(map));
    }

    /**
     * The same values in collections the allow-list reads back: {@code List.of}, {@code
     * Stream.toList()} and {@code Set.of} make JDK-internal classes (e.g. a token's {@code aud} or
     * {@code roles} claim) that Jackson would write by class name and then refuse to read.
     */
    static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key, plain(item)));
            return copy;
        }
        if (value instanceof java.util.List<?> list) {
            return new java.util.ArrayList<>(list.stream().map(SecurityJson::plain).toList());
        }
        if (value instanceof java.util.Set<?> set) {
            java.util.Set<Object> copy = new java.util.LinkedHashSet<>();
            set.forEach(item -> copy.add(plain(item)));
            return copy;
        }
        return value;
    }

    Map<String, Object> read(String text) {
        return text == null || text.isEmpty() ? Map.of() : json.readValue(text, MAP);
    }
}
