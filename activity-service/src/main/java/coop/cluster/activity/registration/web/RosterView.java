package coop.cluster.activity.registration.web;

import coop.cluster.activity.event.domain.ExchangeEvent;
import java.util.List;
import java.util.stream.IntStream;

/**
 * An event's registrations, for its managers: the confirmed ones, then the waiting list in order.
 */
record RosterView(
        String eventId,
        int capacity,
        int freePlaces,
        List<RegistrationView> confirmed,
        List<RegistrationView> waiting,
        long version) {

    static RosterView of(ExchangeEvent e) {
        return new RosterView(
                e.id(),
                e.details().capacity(),
                e.freePlaces(),
                e.confirmed().stream().map(r -> RegistrationView.of(e, r, 0)).toList(),
                IntStream.range(0, e.waiting().size())
                        .mapToObj(i -> RegistrationView.of(e, e.waiting().get(i), i + 1))
                        .toList(),
                e.version() == null ? 0 : e.version());
    }
}
