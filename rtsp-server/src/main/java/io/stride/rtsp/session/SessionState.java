package io.stride.rtsp.session;

/** RFC 2326 Appendix A states, split by role as a session is either a reader or a publisher. */
enum SessionState {
    /** Reader: at least one track set up, not playing (also after PAUSE). */
    PRE_PLAY,
    /** Reader: receiving packets. */
    PLAY,
    /** Publisher: description announced, tracks being set up. */
    PRE_RECORD,
    /** Publisher: sending packets; the path is live. */
    RECORD
}
