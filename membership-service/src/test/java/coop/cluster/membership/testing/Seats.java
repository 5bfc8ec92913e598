package coop.cluster.membership.testing;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.testing.http.Api;
import java.util.ArrayList;
import java.util.List;

/** The council's seats as {@code GET /api/council/seats} lists them. */
public final class Seats {

    private Seats() {}

    /**
     * The field {@code field} ({@code member}, {@code delegateSubject}, ...) of every seat, read
     * with {@code token}.
     */
    public static List<String> of(Api api, String token, String field) {
        Api.Answer seats = api.get("/api/council/seats", token);
        assertThat(seats.status()).as(seats.body()).isEqualTo(200);
        List<String> values = new ArrayList<>();
        seats.json().forEach(seat -> values.add(seat.path(field).asString()));
        return values;
    }
}
