package io.stride.e2e.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JavaHeapMappingTest {

    /** {@code jcmd <pid> GC.heap_info} of a JDK 17 JVM with {@code -Xmx768m -XX:+UseSerialGC}. */
    private static final String SERIAL_HEAP_INFO = """
            16024:
             def new generation   total 116160K, used 20659K [0x00000000d0000000, 0x00000000d7e00000, 0x00000000e0000000)
              eden space 103296K,  20% used [0x00000000d0000000, 0x00000000d142cf80, 0x00000000d64e0000)
              from space 12864K,   0% used [0x00000000d64e0000, 0x00000000d64e0000, 0x00000000d7170000)
              to   space 12864K,   0% used [0x00000000d7170000, 0x00000000d7170000, 0x00000000d7e00000)
             tenured generation   total 258048K, used 0K [0x00000000e0000000, 0x00000000efc00000, 0x0000000100000000)
               the space 258048K,   0% used [0x00000000e0000000, 0x00000000e0000000, 0x00000000e0000200, 0x00000000efc00000)
             Metaspace       used 8985K, committed 9152K, reserved 1114112K
              class space    used 1062K, committed 1152K, reserved 1048576K
            """;

    @Test
    void theHeapSpansFromItsYoungGenerationToTheEndOfItsOldOne() {
        assertThat(JavaHeapMapping.parse(SERIAL_HEAP_INFO))
                .isEqualTo(new JavaHeapMapping(0xd0000000L, 0x100000000L));
    }

    @Test
    void onlyMappingsInsideTheHeapCount() {
        JavaHeapMapping heap = new JavaHeapMapping(0xd0000000L, 0x100000000L);
        List<String> smaps = List.of(
                "55d0c0000000-55d0c0001000 r-xp 00000000 08:01 123 /usr/lib/jvm/bin/java",
                "Size:                  4 kB",
                "Rss:                   4 kB",
                "d0000000-d7e00000 rw-p 00000000 00:00 0 ",
                "Size:             129024 kB",
                "Rss:              100000 kB",
                "d7e00000-e0000000 ---p 00000000 00:00 0 ",
                "Rss:                   0 kB",
                "e0000000-efc00000 rw-p 00000000 00:00 0 ",
                "Rss:               20480 kB",
                "7f1c2c000000-7f1c30000000 rw-p 00000000 00:00 0 ",
                "Rss:               65536 kB");

        assertThat(heap.residentKib(smaps)).isEqualTo(120480);
    }

    @Test
    void outputWithoutAddressesIsRejected() {
        assertThatThrownBy(() -> JavaHeapMapping.parse("16024:\nCommand executed successfully"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no heap address range in GC.heap_info");
    }
}
