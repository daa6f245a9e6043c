package io.stride.backend.upload;

import io.stride.backend.api.ServiceBusyException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * The uploads being received now, at most {@code stride.upload.max-concurrent}. One more is refused with 503 and
 * {@code Retry-After} before its body is read: each upload holds a request thread, the disk its body fills as it
 * arrives and an FFmpeg probe, so a crowd of uploads must not be able to take them all.
 */
@Component
class UploadSlots {

    private final int slots;
    private final Duration retryAfter;
    private final Semaphore free;

    UploadSlots(UploadProperties properties) {
        this.slots = properties.maxConcurrent();
        this.retryAfter = properties.busyRetryAfter();
        this.free = new Semaphore(slots);
    }

    /** A slot for one upload, given back when closed. @throws ServiceBusyException when none is free */
    Slot take() {
        if (!free.tryAcquire()) {
            throw new ServiceBusyException("the backend is receiving " + slots + " uploads, the most it takes at "
                    + "once; try again later", retryAfter);
        }
        return free::release;
    }

    /** A slot held; closing it frees it. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
