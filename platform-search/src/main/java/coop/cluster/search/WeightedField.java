package coop.cluster.search;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A text field of an index ({@link BilingualText}), indexed in an English and a French variant,
 * with the weight of a match in it.
 *
 * @param field the field's name, before the language suffix
 * @param boost the weight of a match in this field
 */
public record WeightedField(String field, float boost) {

    /** The fields' weights by name, in the order given (the order they are looked up in). */
    public static Map<String, Float> boosts(WeightedField... fields) {
        Map<String, Float> boosts = new LinkedHashMap<>();
        for (WeightedField field : fields) {
            boosts.put(field.field(), field.boost());
        }
        return boosts;
    }
}
