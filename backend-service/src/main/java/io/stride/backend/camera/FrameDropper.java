package io.stride.backend.camera;

/** Applies a {@link DropPolicy} to each picture of one camera, given how far behind the pipeline is. */
final class FrameDropper {

    private final DropPolicy policy;
    private final int every;
    /** Pictures seen since the pipeline fell behind, for {@link DropPolicy#EVERY_KTH}. */
    private long behindFor;

    /** @param every k of {@link DropPolicy#EVERY_KTH}, at least 2 */
    FrameDropper(DropPolicy policy, int every) {
        this.policy = policy;
        this.every = every;
    }

    /**
     * @param lag        how far behind the pipeline is ({@link PipelineLag}, µs of the source's time)
     * @param allowedLag the most it may be behind, in the same unit
     * @return whether to drop this picture
     */
    boolean drop(long lag, long allowedLag) {
        if (lag < allowedLag) {
            behindFor = 0;
            return false;
        }
        return switch (policy) {
            case LATEST -> true;
            case EVERY_KTH -> ++behindFor % every == 0;
        };
    }
}
