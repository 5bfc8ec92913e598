package coop.cluster.search;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A text field of an index ({@link BilingualText}), indexed in an English and a French variant, with the weight of a
 * match in it. A service lists its text fields as an enum that implements this.
 */
public interface WeightedField {

    /** The field's name, before the language suffix. */
    String field();

    /** The weight of a match in this field. */
    float boost();

    /** The fields' weights by name, in the order given (the order they are looked up in). */
    static Map<String, Float> boosts(WeightedField... fields) {
        Map<String, Float> boosts = new LinkedHashMap<>();
        for (WeightedField field : fields) {
            boosts.put(field.field(), field.boost());
        }
        return boosts;
    }
}
