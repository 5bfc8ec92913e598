package coop.cluster.testing.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The event contracts of {@code docs/asyncapi.yaml}: each message (found by its CloudEvents type,
 * its {@code name}) has a payload that is a JSON Schema in {@code components.schemas}. Test
 * plumbing only, no service's domain:
 *
 * <ul>
 *   <li>a producer's contract test serialises its payload records with {@link #outboxJson()} (the
 *       JSON settings of the services: Boot's Jackson auto-configuration and the plumbing's
 *       defaults) and checks them with {@link #assertValid(String, String)}; {@link
 *       #producerSample(String, Class)} builds a record of every component, each value taken from
 *       the schema of the property of the same name (a component the schema does not know still
 *       gets a value, and then the schema's required field is missing);
 *   <li>a consumer's contract test parses {@link #sample(String)} (every required field, nothing
 *       else) and {@link #fullSample(String)} (every documented field), and the message's published
 *       {@code examples}, into its own record with {@link #assertConsumerReads(String, Class,
 *       String...)}: every component of the consumer's record must be a property of the schema and
 *       read the sample's value, and what the consumer needs must be required.
 * </ul>
 */
public final class EventContracts {

    private static final Instant SAMPLE_INSTANT = Instant.parse("2026-03-02T10:15:30Z");
    private static final LocalDate SAMPLE_DATE = LocalDate.parse("2026-03-02");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, String> REALISTIC =
            Map.ofEntries(
                    Map.entry("email", "ada.lovelace@atlas-robotics.example"),
                    Map.entry("country", "BE"),
                    Map.entry("currency", "EUR"),
                    Map.entry("language", "en"),
                    Map.entry("legalName", "Atlas Robotics SRL"),
                    Map.entry("displayName", "Ada Lovelace"),
                    Map.entry("region", "BE10"),
                    Map.entry("website", "https://atlas-robotics.example"),
                    Map.entry("url", "https://calls.example/horizon-cl4-2026-01"),
                    Map.entry("title", "Robotics for circular manufacturing"),
                    Map.entry("programme", "Horizon Europe"),
                    Map.entry("offset", "P7D"),
                    Map.entry("periodId", "2026-Q1"),
                    Map.entry("feeYear", "2026"),
                    Map.entry("category", "SME"),
                    Map.entry("account", "1100"));

    private static final AtomicReference<JsonMapper> OUTBOX_JSON = new AtomicReference<>();

    private final JsonNode document;
    private final Map<String, String> messageKeyByType = new LinkedHashMap<>();
    private final SchemaRegistry registry;

    private EventContracts(JsonNode document) {
        this.document = document;
        for (var message : document.path("components").path("messages").properties()) {
            String name = message.getValue().path("name").asString();
            if (!name.isEmpty()) {
                messageKeyByType.put(name, message.getKey());
            }
        }
        // AsyncAPI 3's default schema format is a superset of JSON Schema draft 07; formats (uuid,
        // date-time, date)
        // are asserted, not only annotations.
        this.registry =
                SchemaRegistry.withDefaultDialect(
                        SpecificationVersion.DRAFT_7,
                        builder ->
                                builder.schemaRegistryConfig(
                                        SchemaRegistryConfig.builder()
                                                .formatAssertionsEnabled(true)
                                                .build()));
    }

    /** Reads {@code docs/asyncapi.yaml} from the repository (tests run in a module's folder). */
    public static EventContracts load() {
        return load(Path.of("..", "docs", "asyncapi.yaml"));
    }

    public static EventContracts load(Path asyncApi) {
        try {
            return new EventContracts(
                    YAMLMapper.builder().build().readTree(Files.readString(asyncApi)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JSON settings the outbox serialises payloads with and the consumers read them with: the
     * mapper Spring Boot's Jackson auto-configuration builds, with the plumbing's {@code
     * spring.jackson.*} defaults.
     */
    public static JsonMapper outboxJson() {
        JsonMapper existing = OUTBOX_JSON.get();
        if (existing != null) {
            return existing;
        }
        List<String> properties = new ArrayList<>();
        try (InputStream defaults =
                EventContracts.class.getResourceAsStream("/plumbing-defaults.properties")) {
            if (defaults != null) {
                Properties loaded = new Properties();
                loaded.load(defaults);
                loaded.stringPropertyNames().stream()
                        .filter(name -> name.startsWith("spring.jackson."))
                        .forEach(name -> properties.add(name + "=" + loaded.getProperty(name)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicReference<JsonMapper> built = new AtomicReference<>();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withPropertyValues(properties.toArray(String[]::new))
                .run(context -> built.set(context.getBean(JsonMapper.class)));
        OUTBOX_JSON.compareAndSet(null, built.get());
        return OUTBOX_JSON.get();
    }

    /** Every CloudEvents type the document describes. */
    public Set<String> types() {
        return new LinkedHashSet<>(messageKeyByType.keySet());
    }

    /** The key of the message under {@code components.messages} whose {@code name} is the type. */
    public String messageKey(String ceType) {
        String key = messageKeyByType.get(ceType);
        if (key == null) {
            fail("docs/asyncapi.yaml has no message named " + ceType);
        }
        return key;
    }

    /** The message's payload schema, its {@code $ref} into {@code components.schemas} resolved. */
    public JsonNode payloadSchema(String ceType) {
        JsonNode payload =
                document.path("components")
                        .path("messages")
                        .path(messageKey(ceType))
                        .path("payload");
        assertThat(payload.isMissingNode()).as(ceType + " has a payload schema").isFalse();
        assertThat(payload.path("$ref").asString())
                .as(ceType + "'s payload refers to a schema in components.schemas")
                .startsWith("#/components/schemas/");
        return resolve(payload);
    }

    /** The schema violations of a JSON payload (empty when it conforms). */
    public List<String> validate(String ceType, String json) {
        JsonNode payload =
                document.path("components")
                        .path("messages")
                        .path(messageKey(ceType))
                        .path("payload");
        ObjectNode root = NODES.objectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("$ref", payload.path("$ref").asString());
        root.set("components", document.path("components").deepCopy());
        Schema schema = registry.getSchema(SchemaLocation.of("asyncapi.yaml"), root);
        JsonNode instance = outboxJson().readTree(json);
        List<String> violations = new ArrayList<>();
        for (Error error : schema.validate(instance)) {
            violations.add(error.toString());
        }
        return violations;
    }

    public void assertValid(String ceType, String json) {
        assertThat(validate(ceType, json))
                .as(ceType + " payload " + json + " against docs/asyncapi.yaml")
                .isEmpty();
    }

    /**
     * The producer's side: the payload record serialised as the outbox does conforms to the type's
     * schema.
     *
     * @return the JSON that was checked
     */
    public String assertProduces(String ceType, Object payload) {
        String json = outboxJson().writeValueAsString(payload);
        assertValid(ceType, json);
        return json;
    }

    /** The payloads of the message's published {@code examples} (none when it has none). */
    public List<JsonNode> examples(String ceType) {
        List<JsonNode> examples = new ArrayList<>();
        for (JsonNode example :
                document.path("components")
                        .path("messages")
                        .path(messageKey(ceType))
                        .path("examples")) {
            if (example.has("payload")) {
                examples.add(example.path("payload"));
            }
        }
        return examples;
    }

    // ---- samples from the schema
    // -------------------------------------------------------------------------------

    /** A minimal valid payload: every required field (recursively), nothing optional. */
    public ObjectNode sample(String ceType) {
        return (ObjectNode) sampleOf(payloadSchema(ceType), "payload", false);
    }

    /** A payload with every documented field. */
    public ObjectNode fullSample(String ceType) {
        return (ObjectNode) sampleOf(payloadSchema(ceType), "payload", true);
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int depth = 0; depth < 10 && current.has("$ref"); depth++) {
            String ref = current.path("$ref").asString();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("Only local references are supported: " + ref);
            }
            current = document.at(ref.substring(1));
        }
        // a nullable field: anyOf [schema, {type: null}] -> the non-null branch
        for (String union : List.of("anyOf", "oneOf")) {
            if (current.has(union) && !current.has("properties")) {
                for (JsonNode branch : current.path(union)) {
                    if (!"null".equals(branch.path("type").asString(""))) {
                        return resolve(branch);
                    }
                }
            }
        }
        return current;
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asString())) {
                    return t.asString();
                }
            }
        }
        if (type.isString()) {
            return type.asString();
        }
        if (schema.has("properties")) {
            return "object";
        }
        return schema.has("items") ? "array" : "string";
    }

    private JsonNode sampleOf(JsonNode rawSchema, String name, boolean everything) {
        JsonNode schema = resolve(rawSchema);
        JsonNode firstEnum = firstEnum(schema);
        if (firstEnum != null) {
            return firstEnum;
        }
        if (schema.has("const")) {
            return schema.path("const");
        }
        switch (type(schema)) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                Set<String> required = new LinkedHashSet<>();
                schema.path("required").forEach(r -> required.add(r.asString()));
                for (var property : schema.path("properties").properties()) {
                    if (everything || required.contains(property.getKey())) {
                        object.set(
                                property.getKey(),
                                sampleOf(property.getValue(), property.getKey(), everything));
                    }
                }
                JsonNode additional = schema.path("additionalProperties");
                if (additional.isObject() && !schema.has("properties")) {
                    object.set(mapKey(name), sampleOf(additional, name, everything));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(sampleOf(schema.path("items"), singular(name), everything));
                return array;
            }
            case "integer" -> {
                long value =
                        schema.has("minimum") ? Math.max(schema.path("minimum").asLong(), 1) : 1;
                if (schema.has("maximum")) {
                    value = Math.min(value, schema.path("maximum").asLong());
                }
                if ("feeYear".equals(name)) {
                    value = 2026;
                }
                return NODES.numberNode(value);
            }
            case "number" -> {
                return NODES.numberNode(new BigDecimal("12.5"));
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                return NODES.stringNode(sampleString(schema, name));
            }
        }
    }

    private static JsonNode firstEnum(JsonNode schema) {
        for (JsonNode value : schema.path("enum")) {
            if (!value.isNull()) {
                return value;
            }
        }
        return null;
    }

    private static String mapKey(String name) {
        return switch (name) {
            case "amounts" -> "SME";
            case "signatures" -> UUID.nameUUIDFromBytes("partner".getBytes()).toString();
            default -> "key";
        };
    }

    private static String singular(String name) {
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }

    private static String sampleString(JsonNode schema, String name) {
        String format = schema.path("format").asString("");
        switch (format) {
            case "uuid" -> {
                return UUID.nameUUIDFromBytes(name.getBytes()).toString();
            }
            case "date-time" -> {
                return SAMPLE_INSTANT.toString();
            }
            case "date" -> {
                return SAMPLE_DATE.toString();
            }
            case "uri", "uri-reference" -> {
                return "https://calls.example/" + name;
            }
            default -> {
                // fall through to the pattern and the name
            }
        }
        String pattern = schema.path("pattern").asString("");
        if (!pattern.isEmpty()) {
            for (String candidate : List.of("12.50", "0".repeat(64), "a".repeat(64), "2026-Q1")) {
                if (Pattern.compile(pattern).matcher(candidate).find()) {
                    return candidate;
                }
            }
        }
        if (REALISTIC.containsKey(name)) {
            return REALISTIC.get(name);
        }
        String description = schema.path("description").asString("").toLowerCase();
        if (description.contains("decimal")
                || name.toLowerCase().contains("amount")
                || name.equals("percent")
                || name.equals("credit")) {
            return "12.50";
        }
        return "sample-" + name;
    }

    // ---- the producer's records
    // --------------------------------------------------------------------------------

    /**
     * An instance of the producer's payload record, built with its canonical constructor: each
     * component gets a value that fits the schema of the property of the same name (a component the
     * schema does not name gets a value by its Java type only, so a renamed component shows up as a
     * missing required property).
     */
    public <T> T producerSample(String ceType, Class<T> recordType) {
        return producerSample(ceType, recordType, Map.of());
    }

    /**
     * As {@link #producerSample(String, Class)}, with some components given as the service gives
     * them, by dotted path through nested records (e.g. {@code profile.region}); a value may be
     * {@code null}: what the service sends when it has nothing (use {@link #nulls(String...)}).
     */
    public <T> T producerSample(String ceType, Class<T> recordType, Map<String, ?> given) {
        return recordType.cast(
                instanceOf(recordType, recordType, payloadSchema(ceType), "payload", "", given));
    }

    /** The given paths, each {@code null}: the components a service leaves empty. */
    public static Map<String, Object> nulls(String... paths) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (String path : paths) {
            given.put(path, null);
        }
        return given;
    }

    private Object instanceOf(Class<?> raw, Type generic, JsonNode rawSchema, String name) {
        return instanceOf(raw, generic, rawSchema, name, "", Map.of());
    }

    private Object instanceOf(
            Class<?> raw,
            Type generic,
            JsonNode rawSchema,
            String name,
            String prefix,
            Map<String, ?> given) {
        JsonNode schema = rawSchema == null ? NODES.missingNode() : resolve(rawSchema);
        if (raw == String.class) {
            JsonNode value =
                    schema.isMissingNode()
                            ? NODES.stringNode("sample-" + name)
                            : sampleOf(schema, name, true);
            return value.isString() ? value.asString() : value.toString();
        }
        if (raw == UUID.class) {
            return UUID.nameUUIDFromBytes(name.getBytes());
        }
        if (raw == Instant.class) {
            return SAMPLE_INSTANT;
        }
        if (raw == OffsetDateTime.class) {
            return SAMPLE_INSTANT.atOffset(ZoneOffset.UTC);
        }
        if (raw == LocalDate.class) {
            return SAMPLE_DATE;
        }
        if (raw == Duration.class) {
            return Duration.ofDays(7);
        }
        if (raw == int.class || raw == Integer.class) {
            return (int) sampleOf(schemaOr(schema, "integer"), name, true).asLong();
        }
        if (raw == long.class || raw == Long.class) {
            return sampleOf(schemaOr(schema, "integer"), name, true).asLong();
        }
        if (raw == short.class || raw == Short.class) {
            return (short) 1;
        }
        if (raw == double.class || raw == Double.class) {
            return 12.5d;
        }
        if (raw == float.class || raw == Float.class) {
            return 12.5f;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw == BigDecimal.class) {
            return new BigDecimal("12.50");
        }
        if (raw == BigInteger.class) {
            return BigInteger.ONE;
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            JsonNode wanted = firstEnum(schema);
            for (Object constant : constants) {
                if (wanted != null && ((Enum<?>) constant).name().equals(wanted.asString())) {
                    return constant;
                }
            }
            return constants[0];
        }
        if (raw.isRecord()) {
            RecordComponent[] components = raw.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent component = components[i];
                JsonNode property = schema.path("properties").path(component.getName());
                String path = prefix + component.getName();
                args[i] =
                        given.containsKey(path)
                                ? given.get(path)
                                : instanceOf(
                                        component.getType(),
                                        component.getGenericType(),
                                        property.isMissingNode() ? null : property,
                                        component.getName(),
                                        path + ".",
                                        given);
                if (args[i] == null && component.getType().isPrimitive()) {
                    throw new IllegalArgumentException(path + " is a primitive, it cannot be null");
                }
                types[i] = component.getType();
            }
            try {
                Constructor<?> constructor = raw.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return constructor.newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot build a " + raw.getName() + ": " + e, e);
            }
        }
        if (List.class.isAssignableFrom(raw)
                || Collection.class.isAssignableFrom(raw)
                || Set.class.isAssignableFrom(raw)) {
            Type element = typeArgument(generic, 0);
            Collection<Object> collection =
                    Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>();
            collection.add(
                    instanceOf(
                            rawClass(element),
                            element,
                            schema.isMissingNode() ? null : schema.path("items"),
                            singular(name)));
            return Set.class.isAssignableFrom(raw)
                    ? Set.copyOf(collection)
                    : List.copyOf(collection);
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type value = typeArgument(generic, 1);
            JsonNode valueSchema = schema.path("additionalProperties");
            return Map.of(
                    mapKey(name),
                    instanceOf(
                            rawClass(value),
                            value,
                            valueSchema.isObject() ? valueSchema : null,
                            name));
        }
        if (raw.isArray()) {
            Object array = Array.newInstance(raw.getComponentType(), 1);
            Array.set(
                    array,
                    0,
                    instanceOf(
                            raw.getComponentType(),
                            raw.getComponentType(),
                            schema.isMissingNode() ? null : schema.path("items"),
                            singular(name)));
            return array;
        }
        // Object (a payload whose shape depends on a kind, e.g. a motion's terms) or a class that
        // is not a record:
        // the schema's full sample, read as that type
        JsonNode sample =
                schema.isMissingNode() ? NODES.objectNode() : sampleOf(schema, name, true);
        ObjectMapper json = outboxJson();
        return raw == Object.class
                ? json.treeToValue(sample, Map.class)
                : json.treeToValue(sample, raw);
    }

    private static JsonNode schemaOr(JsonNode schema, String type) {
        return schema.isMissingNode() ? NODES.objectNode().put("type", type) : schema;
    }

    private static Type typeArgument(Type generic, int index) {
        if (generic instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments().length > index) {
            return parameterized.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    // ---- the consumer's records
    // --------------------------------------------------------------------------------

    /**
     * The consumer's side, for one consumed type: the schema's samples are parsed into the
     * consumer's own record with the consumers' JSON settings, as the plumbing's dispatcher does;
     * every component of that record (and of the records in it) must be a property of the schema
     * and come out equal to the sample's value; each needed path (dotted, e.g. {@code
     * profile.legalName}) must be required by the schema, so that every producer sends it, and come
     * out non-null from the minimal sample.
     *
     * @return the record parsed from the minimal sample
     */
    public <T> T assertConsumerReads(String ceType, Class<T> consumerType, String... needed) {
        return assertConsumerReads(ceType, consumerType, Set.of(), needed);
    }

    /**
     * As {@link #assertConsumerReads(String, Class, String...)}, for a consumer record shared by
     * several types: the components in {@code notInThisType} (dotted paths) are ones this type does
     * not carry (the consumer reads them from another type it parses into the same record); they
     * must indeed be absent from this type's schema.
     */
    public <T> T assertConsumerReads(
            String ceType, Class<T> consumerType, Set<String> notInThisType, String... needed) {
        JsonNode schema = payloadSchema(ceType);
        ObjectMapper json = outboxJson();
        ObjectNode full = fullSample(ceType);
        T fromFull = json.readValue(json.writeValueAsBytes(full), consumerType);
        assertThat(fromFull).as(ceType + " read as " + consumerType.getSimpleName()).isNotNull();
        if (consumerType.isRecord()) {
            compare(
                    ceType,
                    consumerType,
                    schema,
                    full,
                    json.valueToTree(fromFull),
                    "",
                    notInThisType);
        }
        for (JsonNode example : examples(ceType)) {
            T fromExample = json.readValue(json.writeValueAsBytes(example), consumerType);
            if (consumerType.isRecord()) {
                compare(
                        ceType,
                        consumerType,
                        schema,
                        example,
                        json.valueToTree(fromExample),
                        "",
                        notInThisType);
            }
        }
        ObjectNode minimal = sample(ceType);
        T fromMinimal = json.readValue(json.writeValueAsBytes(minimal), consumerType);
        JsonNode parsed = json.valueToTree(fromMinimal);
        for (String path : needed) {
            JsonNode at = schema;
            JsonNode value = parsed;
            String[] steps = path.split("\\.");
            for (String step : steps) {
                JsonNode resolved = resolve(at);
                if (resolved.path("type").asString("").equals("array") || resolved.has("items")) {
                    resolved = resolve(resolved.path("items"));
                    value = value.path(0);
                }
                Set<String> required = new LinkedHashSet<>();
                resolved.path("required").forEach(r -> required.add(r.asString()));
                assertThat(required)
                        .as(
                                ceType
                                        + ": "
                                        + consumerType.getSimpleName()
                                        + " needs '"
                                        + path
                                        + "', so the schema must require '"
                                        + step
                                        + "' (docs/asyncapi.yaml components.schemas."
                                        + messageKey(ceType)
                                        + ")")
                        .contains(step);
                at = resolved.path("properties").path(step);
                value = value.path(step);
            }
            assertThat(value.isMissingNode() || value.isNull())
                    .as(
                            ceType
                                    + ": "
                                    + consumerType.getSimpleName()
                                    + "."
                                    + path
                                    + " read from "
                                    + minimal)
                    .isFalse();
        }
        return fromMinimal;
    }

    private void compare(
            String ceType,
            Class<?> recordType,
            JsonNode rawSchema,
            JsonNode sample,
            JsonNode parsed,
            String prefix,
            Set<String> notInThisType) {
        JsonNode schema = resolve(rawSchema);
        for (RecordComponent component : recordType.getRecordComponents()) {
            String name = component.getName();
            String path = prefix + name;
            JsonNode property = schema.path("properties").path(name);
            if (property.isMissingNode() && notInThisType.contains(path)) {
                continue;
            }
            assertThat(notInThisType)
                    .as(ceType + ": '" + path + "' is in the schema, compare it")
                    .doesNotContain(path);
            if (property.isMissingNode()) {
                fail(
                        ceType
                                + ": the consumer's "
                                + recordType.getName()
                                + " reads '"
                                + path
                                + "', which the schema (docs/asyncapi.yaml components.schemas."
                                + messageKey(ceType)
                                + ") does not define: renamed or removed by the producer?");
            }
            JsonNode expected = sample.path(name);
            JsonNode actual = parsed.path(name);
            Class<?> type = component.getType();
            if (type.isRecord()) {
                compare(ceType, type, property, expected, actual, path + ".", notInThisType);
            } else if (Collection.class.isAssignableFrom(type)
                    && rawClass(typeArgument(component.getGenericType(), 0)).isRecord()) {
                Class<?> element = rawClass(typeArgument(component.getGenericType(), 0));
                JsonNode items = resolve(property).path("items");
                for (int i = 0; i < expected.size(); i++) {
                    compare(
                            ceType,
                            element,
                            items,
                            expected.path(i),
                            actual.path(i),
                            path + "[" + i + "].",
                            notInThisType);
                }
            } else {
                assertThat(scalarText(actual))
                        .as(
                                ceType
                                        + ": "
                                        + recordType.getSimpleName()
                                        + "."
                                        + path
                                        + " read from "
                                        + expected)
                        .isEqualTo(scalarText(expected));
            }
        }
    }

    private static String scalarText(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (node.isString()) {
            String text = node.asString();
            try {
                return Instant.parse(text).toString();
            } catch (RuntimeException notAnInstant) {
                try {
                    return new BigDecimal(text).stripTrailingZeros().toPlainString();
                } catch (NumberFormatException notADecimal) {
                    return text;
                }
            }
        }
        if (node.isContainer()) {
            // lists and maps of scalars: compare their canonical texts
            List<String> parts = new ArrayList<>();
            if (node.isArray()) {
                node.forEach(element -> parts.add(scalarText(element)));
            } else {
                node.properties()
                        .forEach(e -> parts.add(e.getKey() + "=" + scalarText(e.getValue())));
            }
            return parts.toString();
        }
        return node.asString();
    }
}
