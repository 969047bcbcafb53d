package moecl.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import moecl.engine.RunSpec;
import moecl.engine.Sweep;

import moecl.workbench.sweep.SweepPlan;
import moecl.workbench.sweep.UnitRunner;

/**
 * A chunk of a sweep, run on a cluster member: whole units of the plan ({@code runs} split at {@code unitEnds}),
 * through {@link UnitRunner}, the code the local engine runs, into memory. The plan is named by hash; its text
 * comes along only with the first chunk a member gets ({@code planText} null otherwise; a member that does not know
 * the plan answers {@link ChunkResult#needPlan} and the driver sends it again with the text).
 *
 * @param planHash  {@link PlanCache#hash} of the plan text
 * @param planText  the plan's {@code sweep.json} text, or null
 * @param chunk     the chunk's number (its partition key)
 * @param runs      the run indices of the chunk's units, unit after unit
 * @param unitEnds  where each unit ends in {@code runs} (exclusive)
 */
record ChunkTask(String planHash, String planText, int chunk, int[] runs, int[] unitEnds)
        implements Callable<ChunkResult> {

    @Override
    public ChunkResult call() {
        SweepPlan plan = PlanCache.get(planHash, planText);
        if (plan == null) {
            return new ChunkResult(chunk, true, List.of(), 0);
        }
        long start = System.nanoTime();
        List<RunSpec> specs = new ArrayList<>();
        for (int i : runs) {
            if (i < 0 || i >= plan.runs().size()) {
                throw new IllegalArgumentException("run " + i + " is not in the sweep plan " + planHash);
            }
            specs.add(plan.run(i).spec());
        }
        Sweep.Worlds worlds = new Sweep.Worlds(specs); // runs of one world in this chunk build it once
        MemoryOutput out = new MemoryOutput();
        int from = 0;
        for (int end : unitEnds) {
            UnitRunner.run(MemberRegistry.get(), plan, Arrays.copyOfRange(runs, from, end), out, d -> { }, worlds);
            from = end;
        }
        return out.result(chunk, System.nanoTime() - start);
    }

    /** The same chunk carrying the plan text. */
    ChunkTask withPlan(String text) {
        return new ChunkTask(planHash, text, chunk, runs, unitEnds);
    }
}
