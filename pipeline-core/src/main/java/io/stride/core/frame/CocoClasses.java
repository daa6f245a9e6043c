package io.stride.core.frame;

import java.util.List;

/** Names of the 80 COCO detection classes, indexed by the contiguous class id the detector outputs. */
public final class CocoClasses {

    /** The class the tracker follows by default and the pose model expects. */
    public static final int PERSON = 0;

    private static final List<String> NAMES = List.of(
            "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
            "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog",
            "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella",
            "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite",
            "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle",
            "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange",
            "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch", "potted plant",
            "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell phone",
            "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors",
            "teddy bear", "hair drier", "toothbrush");

    private CocoClasses() {
    }

    public static int count() {
        return NAMES.size();
    }

    /**
     * The class's name; a model trained on another label set may emit ids past the COCO list, which are
     * shown as {@code class <id>} rather than failing the task.
     */
    public static String name(int classId) {
        return classId >= 0 && classId < NAMES.size() ? NAMES.get(classId) : "class " + classId;
    }

    /** The id of a COCO class name ({@code "person"}, {@code "traffic light"}), or -1 when it is none. */
    public static int idOf(String name) {
        return NAMES.indexOf(name);
    }
}
