package io.stride.backend.camera;

/** Where a camera's ingest is, as the ingest itself knows it. */
enum IngestState {
    /** No picture from the source yet. */
    CONNECTING,
    /** Pictures arrive. */
    LIVE,
    /** The source dropped, refused or stalled after it had delivered pictures: reconnecting with back-off. */
    RECONNECTING,
    /** A user stopped the task: the end-of-stream record is published or about to be. */
    STOPPED
}
