package coop.cluster.auth.oauth;

import java.util.Map;
import org.springframework.security.jackson.SecurityJacksonModules;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of the authorization server's attributes and settings, written as Spring Authorization Server's JDBC
 * services write theirs (Spring Security 7: Jackson 3 and {@link SecurityJacksonModules}, which brings the
 * authorization server's own module and an allow-list of the types that may be read back). Polymorphic values carry
 * their class, so only the allowed types can ever be instantiated from a document.
 */
final class SecurityJson {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JsonMapper json;

    SecurityJson() {
        ClassLoader loader = SecurityJson.class.getClassLoader();
        this.json = JsonMapper.builder().addModules(SecurityJacksonModules.getModules(loader)).build();
    }

    String write(Map<String, Object> map) {
        return json.writeValueAsString(map);
    }

    Map<String, Object> read(String text) {
        return text == null || text.isEmpty() ? Map.of() : json.readValue(text, MAP);
    }
}
