package io.stride.backend.task;

/**
 * Where a camera task reads its video. Kept in the task's record in the task store only (never on the events topic,
 * never in an answer or a log: the URL may carry credentials), so that a backend that restarts reconnects.
 *
 * @param url  the source's URL as given, credentials included
 * @param name the name the user gave the camera, possibly empty
 */
public record CameraSource(String url, String name) {

    public CameraSource {
        name = name == null ? "" : name;
    }

    /** No credentials in logs even by accident. */
    @Override
    public String toString() {
        return "CameraSource[" + name + "]";
    }
}
