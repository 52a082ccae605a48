package cn.sunshine.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The console: the web application the programme's people work in. A backend-for-frontend: it signs
 * people in with OpenID Connect (authorization code + PKCE), keeps their tokens in the server-side
 * session, and calls the services through the gateway with the person's own access token; pages are
 * rendered on the server (Thymeleaf) and enhanced with htmx. It owns no programme data.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsoleApplication.class, args);
    }
}
