package coop.cluster.fundingwatch.call;

import coop.cluster.fundingwatch.call.domain.ReminderSchedule;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The deadline reminders' schedule, from {@link ReminderSettings}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReminderSettings.class)
class ReminderConfiguration {

    @Bean
    ReminderSchedule reminderSchedule(ReminderSettings settings) {
        return new ReminderSchedule(settings.reminderOffsets());
    }
}
