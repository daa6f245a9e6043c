package io.stride.backend.upload;

import io.stride.backend.api.ApiException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** The shape of an upload request: the multipart field {@code file} once, and {@code options} at most once. */
public final class UploadForm {

    static final String FILE_FIELD = "file";
    static final String OPTIONS_FIELD = "options";
    /** Longest file name kept for display; longer names are cut, which is all a display needs. */
    static final int MAX_DISPLAY_NAME = 255;

    private UploadForm() {
    }

    /**
     * The fields of a request, noted as its parts arrive, in constant memory however many parts a request has.
     * The refusal names the first fault of: no {@code file}, another field (the first one), {@code file} or
     * {@code options} more than once.
     */
    static final class Fields {

        private int files;
        private int options;
        private String firstOther;

        /** @return whether the form is acceptable so far, this part included: its content is to be kept */
        boolean add(String name) {
            if (FILE_FIELD.equals(name)) {
                files++;
            } else if (OPTIONS_FIELD.equals(name)) {
                options++;
            } else if (firstOther == null) {
                firstOther = name;
            }
            return firstOther == null && files <= 1 && options <= 1;
        }

        /**
         * @throws MissingServletRequestPartException when there was no {@code file} (400)
         * @throws ApiException 400 naming the first other field, or saying that {@code file} came more than once
         */
        void check() throws MissingServletRequestPartException {
            if (files == 0) {
                throw new MissingServletRequestPartException(FILE_FIELD);
            }
            if (firstOther != null) {
                throw ApiException.badRequest("unexpected field '" + displayable(firstOther) + "': only '"
                        + FILE_FIELD + "' and '" + OPTIONS_FIELD + "' are accepted");
            }
            if (files > 1) {
                throw ApiException.badRequest("the multipart field '" + FILE_FIELD + "' appears " + files
                        + " times; upload one file per request");
            }
            if (options > 1) {
                throw ApiException.badRequest("the multipart field '" + OPTIONS_FIELD + "' appears " + options
                        + " times; give all options in one JSON object");
            }
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
