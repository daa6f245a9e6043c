package io.stride.e2e.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeapAfterGcTest {

    @Test
    void addsTheUsedHeapOfTheSerialCollectorsGenerationsNotMetaspace() {
        String heapInfo = """
                12345:
                 def new generation   total 9792K, used 1024K [0x00000000d0000000, 0x00000000d0aa0000, 0x00000000e0000000)
                  eden space 8704K,  11% used [0x00000000d0000000, 0x00000000d0100000, 0x00000000d0880000)
                  from space 1088K,   0% used [0x00000000d0880000, 0x00000000d0880000, 0x00000000d0990000)
                 tenured generation   total 21888K, used 20480K [0x00000000e0000000, 0x00000000e1560000, 0x0000000100000000)
                   the space 21888K,  93% used [0x00000000e0000000, 0x00000000e1400000, 0x00000000e1560000)
                 Metaspace       used 51200K, committed 51840K, reserved 1097728K
                  class space    used 6400K, committed 6656K, reserved 1048576K
                """;

        assertThat(HeapAfterGc.parseUsedKib(heapInfo)).isEqualTo(21_504);
    }

    @Test
    void readsG1sOneHeapLineWithReservedAndCommitted() {
        String heapInfo = """
                 garbage-first heap   total reserved 4194304K, committed 262144K, used 30720K [0x0000000700000000, 0x0000000800000000)
                  region size 2048K, 2 young (4096K), 0 survivors (0K)
                 Metaspace       used 1000K, committed 1100K, reserved 1114112K
                """;

        assertThat(HeapAfterGc.parseUsedKib(heapInfo)).isEqualTo(30_720);
    }

    @Test
    void refusesAnAnswerWithoutAHeap() {
        assertThatThrownBy(() -> HeapAfterGc.parseUsedKib("12345:\nNo such process"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
