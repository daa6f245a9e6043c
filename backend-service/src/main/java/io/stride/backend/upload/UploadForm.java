package io.stride.backend.upload;

import io.stride.backend.api.ApiException;
import java.util.List;

/** The shape of an upload request: exactly one multipart field, {@code file}. */
final class UploadForm {

    static final String FILE_FIELD = "file";
    /** Longest file name kept for display; longer names are cut, which is all a display needs. */
    static final int MAX_DISPLAY_NAME = 255;

    private UploadForm() {
    }

    /**
     * @param fieldNames the names of the request's multipart parts, in order
     * @throws ApiException 400 naming the first unexpected field, or saying that {@code file} came twice
     */
    static void check(List<String> fieldNames) {
        long files = 0;
        for (String name : fieldNames) {
            if (!FILE_FIELD.equals(name)) {
                throw ApiException.badRequest("unexpected field '" + displayable(name) + "': only '" + FILE_FIELD
                        + "' is accepted");
            }
            files++;
        }
        if (files > 1) {
            throw ApiException.badRequest("the multipart field '" + FILE_FIELD + "' appears " + files
                    + " times; upload one file per request");
        }
    }

    /**
     * The client's file name for display: without any directory part (either slash), without control
     * characters, at most {@link #MAX_DISPLAY_NAME} characters. It never names a file here: uploads are stored
     * under the task id.
     */
    static String displayName(String original) {
        String name = original == null ? "" : original.replaceAll("\\p{Cntrl}", "");
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return name.length() > MAX_DISPLAY_NAME ? name.substring(0, MAX_DISPLAY_NAME) : name;
    }

    private static String displayable(String fieldName) {
        String clean = fieldName == null ? "" : fieldName.replaceAll("\\p{Cntrl}", "");
        return clean.length() > MAX_DISPLAY_NAME ? clean.substring(0, MAX_DISPLAY_NAME) : clean;
    }
}
