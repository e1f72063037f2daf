package uk.ac.ceda.nlds.db.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MeasuredProcessTest {

    @Test
    void readsPeakAndLiveHeapFromSerialAndG1PauseLinesIgnoringCleanupForTheLiveSet() {
        double[] heap = MeasuredProcess.heapMiB(List.of(
                "[0.412s][info][gc] GC(0) Pause Young (Allocation Failure) 68M->9M(247M) 12.345ms",
                "[1.002s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 131072K->40960K(262144K) 3.1ms",
                "[1.500s][info][gc] Using Serial",
                "[1.600s][info][gc] GC(3) Pause Cleanup 63M->63M(84M) 0.144ms",
                "[2.100s][info][gc] GC(2) Pause Full (System.gc()) 100M->20M(256M) 30.0ms"));
        assertThat(heap[0]).isEqualTo(128.0);
        assertThat(heap[1]).isEqualTo(40.0);
    }
}
