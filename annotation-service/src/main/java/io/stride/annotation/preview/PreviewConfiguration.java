package io.stride.annotation.preview;

import io.stride.annotation.AnnotationProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The live preview: the hub, the tap on the annotation stage's drawn frames, and CORS for the stream. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PreviewProperties.class)
class PreviewConfiguration implements WebMvcConfigurer {

    private final PreviewProperties properties;

    PreviewConfiguration(PreviewProperties properties) {
        this.properties = properties;
    }

    @Bean
    PreviewHub previewHub() {
        return new PreviewHub(properties.maxViewers(), properties.maxFps(), System::nanoTime);
    }

    @Bean
    AnnotatedFrameListener previewFrameTap(PreviewHub hub, AnnotationProcessor processor) {
        var tap = new PreviewFrameTap(hub, properties.jpegQuality());
        processor.setAnnotatedFrameListener(tap);
        return tap;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/preview/**")
                .allowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new))
                .allowedMethods("GET");
    }
}
