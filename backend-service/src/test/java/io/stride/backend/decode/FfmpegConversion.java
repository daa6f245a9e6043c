package io.stride.backend.decode;

import static org.bytedeco.ffmpeg.global.avfilter.AV_BUFFERSRC_FLAG_KEEP_REF;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame_flags;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_get_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_parse_ptr;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avfilter.AVFilterInOut;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * FFmpeg's own conversion of a decoded picture to BGR: what {@code ffmpeg -i clip -pix_fmt bgr24} does, through
 * libavfilter with its defaults (the format filter, for which libavfilter inserts its scale filter). The reference
 * the backend's {@link BgrPictures} is held to, written without swscale's API so that it does not share
 * BgrPictures' choices. The picture's colour description travels with it, as it does from FFmpeg's decoder to its
 * filters; JavaCV's grabber and frame filter drop it, so neither can serve.
 */
final class FfmpegConversion {

    private FfmpegConversion() {
    }

    /** The picture in BGR, as a new image the caller closes. */
    static Mat bgr(AVFrame picture) {
        AVFilterGraph graph = avfilter_graph_alloc();
        AVFrame converted = av_frame_alloc();
        try {
            String filters = "buffer@in=video_size=" + picture.width() + "x" + picture.height()
                    + ":pix_fmt=" + picture.format() + ":time_base=1/25:pixel_aspect=1/1"
                    + ":colorspace=" + picture.colorspace() + ":range=" + picture.color_range()
                    + ",format=pix_fmts=bgr24,buffersink@out";
            check(avfilter_graph_parse_ptr(graph, filters, (AVFilterInOut) null, (AVFilterInOut) null, null),
                    filters);
            check(avfilter_graph_config(graph, null), "configuring " + filters);
            check(av_buffersrc_add_frame_flags(avfilter_graph_get_filter(graph, "buffer@in"), picture,
                    AV_BUFFERSRC_FLAG_KEEP_REF), "sending the picture");
            check(av_buffersink_get_frame(avfilter_graph_get_filter(graph, "buffersink@out"), converted),
                    "receiving the conversion");
            Mat image = new Mat(converted.height(), converted.width(), opencv_core.CV_8UC3);
            int row = converted.width() * 3;
            byte[] line = new byte[row];
            for (int y = 0; y < converted.height(); y++) {
                converted.data(0).position((long) y * converted.linesize(0)).get(line);
                image.ptr(y).put(line);
            }
            return image;
        } finally {
            av_frame_free(converted);
            avfilter_graph_free(graph);
        }
    }

    private static void check(int result, String what) {
        if (result < 0) {
            throw new IllegalStateException("libavfilter failed (" + result + "): " + what);
        }
    }
}
