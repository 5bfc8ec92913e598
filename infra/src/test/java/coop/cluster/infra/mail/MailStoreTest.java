package coop.cluster.infra.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailStoreTest {

    private static final byte[] RAW = "Subject: x\r\n\r\nbody\r\n".getBytes();

    @Test
    void keepsTheNewestMessagesFindsThemByAnyRecipientWhateverItsCaseAndNeverReusesAnId() {
        MailStore store = new MailStore(2);
        store.add("a@x", List.of("Amina@Example.org", "bcc@example.org"), Instant.EPOCH, RAW);
        store.add("a@x", List.of("bruno@example.org"), Instant.EPOCH, RAW);
        MailStore.Caught third =
                store.add(
                        "a@x",
                        List.of("amina@example.org", "AMINA@example.org"),
                        Instant.EPOCH,
                        RAW);

        assertThat(store.list(null)).extracting(MailStore.Caught::id).containsExactly(2L, 3L);
        assertThat(third.recipients()).containsExactly("amina@example.org");
        assertThat(store.list(" AMINA@example.ORG ")).containsExactly(third);
        assertThat(store.find(1)).isEmpty();
        assertThat(store.find(3)).contains(third);

        assertThat(store.purge()).isEqualTo(2);
        assertThat(store.list(null)).isEmpty();
        assertThat(store.add("", List.of("c@x"), Instant.EPOCH, RAW).id()).isEqualTo(4);
    }

    @Test
    void theOldestGoWhenTheMessagesTakeTooMuchMemoryButNeverTheNewest() {
        MailStore store = new MailStore(100, 1000);
        store.add("a@x", List.of("b@x"), Instant.EPOCH, new byte[400]);
        store.add("a@x", List.of("b@x"), Instant.EPOCH, new byte[400]);
        store.add("a@x", List.of("b@x"), Instant.EPOCH, new byte[400]);

        assertThat(store.list(null)).extracting(MailStore.Caught::id).containsExactly(2L, 3L);

        store.add("a@x", List.of("b@x"), Instant.EPOCH, new byte[5000]);
        assertThat(store.list(null)).extracting(MailStore.Caught::id).containsExactly(4L);
        store.add("a@x", List.of("b@x"), Instant.EPOCH, new byte[10]);
        assertThat(store.list(null)).extracting(MailStore.Caught::id).containsExactly(5L);
    }
}
