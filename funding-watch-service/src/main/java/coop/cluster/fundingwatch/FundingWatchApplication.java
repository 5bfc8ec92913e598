package coop.cluster.fundingwatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FundingWatchApplication {

    public static void main(String[] args) {
        SpringApplication.run(FundingWatchApplication.class, args);
    }
}
