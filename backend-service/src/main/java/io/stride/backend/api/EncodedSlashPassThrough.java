package io.stride.backend.api;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat answers a path with an encoded slash ({@code %2F}) with its own HTML error page. Passing it through
 * lets the API refuse such a task id with its usual JSON error instead.
 */
@Component
class EncodedSlashPassThrough implements TomcatConnectorCustomizer {

    @Override
    public void customize(org.apache.catalina.connector.Connector connector) {
        connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }
}
