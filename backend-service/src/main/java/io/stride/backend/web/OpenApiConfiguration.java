package io.stride.backend.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title and overview of the OpenAPI description ({@code /v3/api-docs}, browsable at {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI strideOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Stride API")
                .version("0.1.0")
                .description("""
                        Upload a video, follow its task, download the annotated MP4, the per-frame annotations \
                        (JSON Lines) and the tracks (MOTChallenge). Every error answer is JSON: \
                        `{"status": 415, "error": "Unsupported Media Type", "message": "the file has no video \
                        stream"}`. The web page at `/` uses exactly these endpoints."""));
    }
}
