package io.stride.annotation.preview;

/**
 * One annotated frame of a task's live preview.
 *
 * @param sequence increases with every frame published for the task, so a viewer can tell a new frame
 * @param jpeg     the annotated image as JPEG
 */
public record PreviewFrame(long sequence, byte[] jpeg) {
}
