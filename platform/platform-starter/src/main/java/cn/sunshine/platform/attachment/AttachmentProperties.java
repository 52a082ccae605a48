package cn.sunshine.platform.attachment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.util.List;

/**
 * {@code sunshine.attachments.*}: the largest attachment, the types allowed (detected from the bytes, never taken from
 * the client), the GridFS bucket in the service's own database and the path auditors read downloads at.
 */
@ConfigurationProperties("sunshine.attachments")
public record AttachmentProperties(DataSize maxBytes, List<String> allowedTypes, String bucket, String downloadsPath) {

    public AttachmentProperties {
        maxBytes = maxBytes == null ? DataSize.ofMegabytes(20) : maxBytes;
        allowedTypes = allowedTypes == null || allowedTypes.isEmpty() ? ContentTypes.ALL : List.copyOf(allowedTypes);
        bucket = bucket == null || bucket.isBlank() ? "attachments" : bucket;
    }
}
