package io.stride.annotation.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * With {@code stride.security.api-key} set, the live preview ({@code /preview/**}) asks for it; health and
 * Prometheus stay open for the orchestrator and the metrics scraper.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiKeyProperties.class)
class ApiKeyConfiguration implements WebMvcConfigurer {

    static final String PROTECTED_PATHS = "/preview/**";

    private final ApiKeyProperties properties;

    ApiKeyConfiguration(ApiKeyProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        properties.required().ifPresent(key ->
                registry.addInterceptor(new ApiKeyInterceptor(key)).addPathPatterns(PROTECTED_PATHS));
    }
}
