package io.stride.backend.topics;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** Makes sure the events topic exists before the event reader subscribes to it. */
@Component
class EventsTopicInitializer implements InitializingBean {

    private final TaskTopics topics;

    EventsTopicInitializer(TaskTopics topics) {
        this.topics = topics;
    }

    @Override
    public void afterPropertiesSet() {
        topics.ensureEventsTopic();
    }
}
