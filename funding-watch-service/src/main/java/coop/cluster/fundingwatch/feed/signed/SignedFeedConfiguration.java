package coop.cluster.fundingwatch.feed.signed;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link SignedFeedSettings}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignedFeedSettings.class)
class SignedFeedConfiguration {}
