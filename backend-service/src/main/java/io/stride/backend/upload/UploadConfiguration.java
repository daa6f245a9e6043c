package io.stride.backend.upload;

import org.apache.coyote.ContinueResponseTiming;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What streaming uploads need of the server. */
@Configuration(proxyBeanMethods = false)
// Spring's multipart support is off (application.yaml), which also drops its settings; their size limits are
// still the upload's, read by UploadBody.
@EnableConfigurationProperties(MultipartProperties.class)
class UploadConfiguration {

    /**
     * Tomcat answers {@code Expect: 100-continue} only once the body is read, not at once: an upload refused before
     * its body is read (busy, queue full, too large) is then answered before the client sends the body at all.
     */
    @Bean
    TomcatConnectorCustomizer continueOnlyWhenTheBodyIsRead() {
        return connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setContinueResponseTiming(ContinueResponseTiming.ON_REQUEST_BODY_READ.toString());
            }
        };
    }
}
