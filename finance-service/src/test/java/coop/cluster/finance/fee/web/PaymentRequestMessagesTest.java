package coop.cluster.finance.fee.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.validation.MessageInterpolatorFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * Acceptance testing (issue 15): a French payment with a malformed amount got a French problem
 * whose errors said "must be a plain decimal such as 125.50". The constraint messages are keys of
 * the service's messages, resolved in the request's language by a validator built as Spring Boot
 * builds the service's.
 */
class PaymentRequestMessagesTest {

    private final LocalValidatorFactoryBean validator = validator();

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void fieldMessagesSpeakTheRequestsLanguage() {
        PaymentRequest malformed =
                new PaymentRequest("1,5", "euro", LocalDate.of(2026, 12, 7), "ok");
        LocaleContextHolder.setLocale(Locale.FRENCH);
        assertThat(validator.validate(malformed))
                .extracting(ConstraintViolation::getMessage)
                .containsExactlyInAnyOrder(
                        "doit être un nombre décimal simple, comme 12.50",
                        "doit être un code de devise ISO 4217, comme EUR");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(validator.validate(malformed))
                .extracting(ConstraintViolation::getMessage)
                .containsExactlyInAnyOrder(
                        "must be a plain decimal such as 12.50",
                        "must be an ISO 4217 code such as EUR");
    }

    private static LocalValidatorFactoryBean validator() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.setMessageInterpolator(new MessageInterpolatorFactory(messages).getObject());
        validator.afterPropertiesSet();
        return validator;
    }
}
