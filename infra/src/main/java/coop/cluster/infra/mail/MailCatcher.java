package coop.cluster.infra.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * GreenMail's SMTP server as a mail catcher: any sender, any recipient, no authentication
 * (GreenMail's {@code withDisabledAuthentication}: a client that logs in is accepted whatever it
 * says), and every message kept in the {@link MailStore} instead of a per-recipient mailbox.
 * GreenMail would otherwise file one copy per recipient and keep it for ever; the store keeps one
 * per transaction, with its envelope, and only the newest {@code --max-messages}.
 */
final class MailCatcher {

    private static final long STARTUP_TIMEOUT_MILLIS = 30_000;

    private final GreenMail greenMail;
    private final MailStore store;

    MailCatcher(String host, int port, MailStore store) {
        ServerSetup smtp = new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP);
        // on a loaded two-core machine the default 2 s may pass before the server thread has bound
        // the port
        smtp.setServerStartupTimeout(STARTUP_TIMEOUT_MILLIS);
        this.greenMail =
                new GreenMail(smtp)
                        .withConfiguration(
                                GreenMailConfiguration.aConfig().withDisabledAuthentication());
        this.store = store;
    }

    /** Binds the SMTP port; every message received from now on goes to the store. */
    void start() {
        greenMail.start();
        // start() creates the managers; a message can only arrive once a client has connected and
        // sent DATA,
        // well after this line
        greenMail.getUserManager().setMessageDeliveryHandler(new Catch(store));
    }

    boolean isRunning() {
        return greenMail.isRunning();
    }

    void stop() {
        greenMail.stop();
    }

    /**
     * GreenMail hands over a message once per recipient, consecutively, with the same {@link
     * MovingMessage}: the first hand-over stores it, the others are the same transaction. The user
     * returned files nothing.
     */
    private static final class Catch implements MessageDeliveryHandler {

        private final MailStore store;
        private MovingMessage last;

        Catch(MailStore store) {
            this.store = store;
        }

        @Override
        public synchronized GreenMailUser handle(MovingMessage message, MailAddress recipient)
                throws MessagingException {
            if (message != last) {
                last = message;
                String sender =
                        message.getReturnPath() == null ? "" : message.getReturnPath().getEmail();
                List<String> recipients =
                        message.getToAddresses().stream().map(MailAddress::getEmail).toList();
                store.add(sender, recipients, Instant.now(), raw(message.getMessage()));
            }
            return new NoMailbox(recipient.getEmail());
        }

        private static byte[] raw(MimeMessage message) throws MessagingException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                message.writeTo(out);
            } catch (IOException e) {
                throw new MessagingException("could not read the message", e);
            }
            return out.toByteArray();
        }
    }

    /** The recipient GreenMail delivers to: the message is already in the store. */
    private record NoMailbox(String email) implements GreenMailUser {

        @Override
        public String getEmail() {
            return email;
        }

        @Override
        public String getLogin() {
            return email;
        }

        @Override
        public void deliver(MovingMessage msg) {
            // kept by the store
        }

        @Override
        public void deliver(MimeMessage msg) {
            // kept by the store
        }

        @Override
        public void create() {}

        @Override
        public void delete() {}

        @Override
        public String getPassword() {
            return "";
        }

        @Override
        public void setPassword(String password) {}

        @Override
        public void authenticate(String password) {}

        @Override
        public String getQualifiedMailboxName() {
            return email;
        }
    }
}
