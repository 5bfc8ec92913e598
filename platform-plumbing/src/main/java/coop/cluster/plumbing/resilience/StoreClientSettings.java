package coop.cluster.plumbing.resilience;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.core.Ordered;

/**
 * Applies {@link StoreSettings} to the driver, after Spring Boot has applied the connection string,
 * except the options that the connection string sets itself; and registers {@link StoreOutageLog}.
 */
public class StoreClientSettings implements MongoClientSettingsBuilderCustomizer, Ordered {

    private final StoreSettings settings;
    private final ConnectionString connectionString;
    private final StoreOutageLog outageLog;

    public StoreClientSettings(
            StoreSettings settings, ConnectionString connectionString, StoreOutageLog outageLog) {
        this.settings = settings;
        this.connectionString = connectionString;
        this.outageLog = outageLog;
    }

    @Override
    public void customize(MongoClientSettings.Builder builder) {
        ConnectionString uri = connectionString;
        builder.applyToSocketSettings(
                socket -> {
                    if (uri == null || uri.getConnectTimeout() == null) {
                        socket.connectTimeout(
                                millis(settings.connectTimeout()), TimeUnit.MILLISECONDS);
                    }
                    if (uri == null || uri.getSocketTimeout() == null) {
                        socket.readTimeout(millis(settings.socketTimeout()), TimeUnit.MILLISECONDS);
                    }
                });
        builder.applyToClusterSettings(
                cluster -> {
                    if (uri == null || uri.getServerSelectionTimeout() == null) {
                        cluster.serverSelectionTimeout(
                                millis(settings.serverSelectionTimeout()), TimeUnit.MILLISECONDS);
                    }
                    cluster.addClusterListener(outageLog);
                });
        builder.applyToConnectionPoolSettings(
                pool -> {
                    if (uri == null || uri.getMaxWaitTime() == null) {
                        pool.maxWaitTime(millis(settings.maxWaitTime()), TimeUnit.MILLISECONDS);
                    }
                });
    }

    private static long millis(java.time.Duration duration) {
        return duration.toMillis();
    }

    /** After Spring Boot's own customizer, which applies the connection string. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 100;
    }
}
