package cn.sunshine.enrollment.roster;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A client that sends {@code Expect: 100-continue} (curl does for any body over 1 MB) is told to go
 * on only when the service starts reading the body: a roster refused by its Content-Length
 * ({@link UploadLimits#MAX_BYTES}) gets its 413 before sending a byte of the file.
 */
@Configuration
public class UploadServerConfiguration {

    @Bean
    TomcatConnectorCustomizer continueWhenTheBodyIsRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }
}
