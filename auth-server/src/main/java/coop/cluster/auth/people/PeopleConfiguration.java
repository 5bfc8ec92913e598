package coop.cluster.auth.people;

import coop.cluster.auth.IdentityProperties;
import coop.cluster.auth.people.persistence.PersonStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.security.core.userdetails.UserDetailsService;

/** People's beans: the login form's users come from the store, and the flows' mails. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PeopleSettings.class)
class PeopleConfiguration {

    @Bean
    UserDetailsService userDetailsService(PersonStore people) {
        return new PersonDetailsService(people);
    }

    @Bean
    PeopleMail peopleMail(
            ObjectProvider<JavaMailSender> sender,
            MessageSource problemMessages,
            IdentityProperties identity,
            PeopleSettings settings) {
        return new PeopleMail(sender, problemMessages, identity.issuer(), settings.mail().from());
    }
}
