package io.stride.core.kafka;

/**
 * The broker did not answer in time. Not the task's fault: whoever meets it retries the work later (a stage reads
 * its input again from the last commit) instead of failing the task.
 */
public class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message) {
        super(message);
    }
}
