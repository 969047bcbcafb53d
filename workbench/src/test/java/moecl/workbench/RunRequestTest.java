package moecl.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** The grid's size is checked against the heap before a single run is materialised. */
class RunRequestTest {

    @Test
    void aGridTooBigForTheHeapIsRefusedBeforeItIsBuilt() {
        RunRequest r = new RunRequest().setAll(List.of("M=[1,2,3,4,5,6,7,8,9,10]",
                "router=[paper, random, oracle, roundrobin, softmax, noisytopk]", "T=10"));
        List<Long> seeds = LongStream.rangeClosed(1, 100_000).boxed().toList();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.expand(seeds, Map.of()));
        assertTrue(e.getMessage().startsWith("this request expands to 6,000,000 runs (60 settings x 100,000 seeds); "
                + "at most "), e.getMessage());
        assertTrue(e.getMessage().contains("MOECL_JAVA_OPTS=-Xmx"), e.getMessage());
        // a grid whose product overflows a long is refused too, not built
        RunRequest huge = new RunRequest().setAll(List.of("M=[1..1000]", "T=[1..1000]", "router=[paper, random]"));
        assertThrows(IllegalArgumentException.class, () -> huge.expand(seeds, Map.of()));
        // a range of M is counted, not built, before the check (10^8 values ran out of heap first)
        RunRequest range = new RunRequest().setAll(List.of("M=1..100000000", "T=10"));
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> range.expand(List.of(1L), Map.of()));
        assertTrue(big.getMessage().startsWith("this request expands to 100,000,000 runs (100,000,000 settings x 1 "
                + "seeds)"), big.getMessage());
        assertEquals(120, r.expand(LongStream.rangeClosed(1, 2).boxed().toList(), Map.of()).size());
    }

    @Test
    void theLimitIsHalfTheHeapAtFourKilobytesARun() {
        long heap = 512L << 20;
        long max = heap / 2 / RunRequest.PLAN_BYTES_PER_RUN; // 65,536
        RunRequest.checkRunCount(max, 1, (int) max, heap);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunRequest.checkRunCount(max + 1, 1, (int) max + 1, heap));
        assertTrue(e.getMessage().contains("at most 65,536 can be planned in this JVM's heap of 512 MB"),
                e.getMessage());
        RunRequest.checkRunCount(1000, 1, 1000, 1L << 20); // small heaps still plan a thousand runs
    }
}
