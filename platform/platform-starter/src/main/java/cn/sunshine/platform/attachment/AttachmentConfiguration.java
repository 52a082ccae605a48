package cn.sunshine.platform.attachment;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;

import java.time.Clock;

/** The attachment store of every service (docs/api.md "Attachments"): GridFS in the service's own database. */
@AutoConfiguration(afterName = {"org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        "cn.sunshine.platform.config.PlatformAutoConfiguration"})
@ConditionalOnClass(GridFsTemplate.class)
@EnableConfigurationProperties(AttachmentProperties.class)
public class AttachmentConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AttachmentScanner attachmentScanner() {
        return new EicarScanner();
    }

    @Bean
    @ConditionalOnMissingBean
    Attachments attachments(MongoDatabaseFactory factory, MongoConverter converter, MongoTemplate mongo,
                            AttachmentScanner scanner, AttachmentProperties properties, Clock clock) {
        return new Attachments(new GridFsTemplate(factory, converter, properties.bucket()), mongo, scanner, properties,
                clock);
    }

    /** Multipart requests declared larger than the limit: 413 before they are read (docs/api.md "Attachments"). */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
            type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
    org.springframework.boot.web.servlet.FilterRegistrationBean<AttachmentSizeFilter> attachmentSizeFilter(
            org.springframework.core.env.Environment env, AttachmentProperties properties) {
        long request = org.springframework.boot.context.properties.bind.Binder.get(env)
                .bind("spring.servlet.multipart.max-request-size", org.springframework.util.unit.DataSize.class)
                .orElse(org.springframework.util.unit.DataSize.ofMegabytes(21)).toBytes();
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                new AttachmentSizeFilter(request, properties.maxBytes().toBytes()));
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 50);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * Tomcat answers {@code Expect: 100-continue} only when the application reads the body, so a refused upload is
     * never sent at all.
     */
    @Bean
    @ConditionalOnClass(name = "org.springframework.boot.tomcat.TomcatConnectorCustomizer")
    org.springframework.boot.tomcat.TomcatConnectorCustomizer continueOnRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }

    @Bean
    @ConditionalOnProperty("sunshine.attachments.downloads-path")
    AttachmentDownloadsController attachmentDownloadsController(Attachments attachments) {
        return new AttachmentDownloadsController(attachments);
    }
}
