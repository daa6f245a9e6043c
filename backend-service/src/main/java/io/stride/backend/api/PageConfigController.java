package io.stride.backend.api;

import io.stride.backend.web.PageConfig;
import io.stride.backend.web.WebProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /config.json}: the settings the page reads at start. The page itself is static
 * ({@code static/index.html}, served at {@code /}), so it needs no templating.
 */
@RestController
@Tag(name = "web page")
class PageConfigController {

    private final PageConfig config;

    PageConfigController(WebProperties properties) {
        this.config = new PageConfig(withoutTrailingSlash(properties.previewBaseUrl()));
    }

    @Operation(summary = "Settings of the web page")
    @ApiResponse(responseCode = "200", description = "the settings")
    @GetMapping(path = "/config.json", produces = MediaType.APPLICATION_JSON_VALUE)
    PageConfig config() {
        return config;
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
