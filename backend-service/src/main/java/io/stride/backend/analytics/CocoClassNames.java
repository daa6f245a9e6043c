package io.stride.backend.analytics;

import java.util.List;

/**
 * Names of the 80 COCO classes by the class id the detector writes in {@code class_id}. A copy of the annotation
 * service's {@code CocoClasses}, which the backend cannot depend on; both should move to pipeline-core.
 */
final class CocoClassNames {

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

    private CocoClassNames() {
    }

    /** As the annotation service names it: ids past the list (a model with other labels) are {@code class <id>}. */
    static String name(int classId) {
        return classId >= 0 && classId < NAMES.size() ? NAMES.get(classId) : "class " + classId;
    }
}
