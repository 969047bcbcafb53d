package moecl.dnn.plugin;

import moecl.task.Task;

/**
 * One MNIST arrival: its round and type, the gate features of its type, and the world the expert draws its images
 * from. The images themselves depend on who learns the task ({@link MnistWorld.Slices#PER_EXPERT}: the chosen
 * expert's occurrence count), so the expert asks for its slice with {@link #slice(int)}.
 */
public record MnistTask(int round, int type, double[] gateInput, MnistWorld world) implements Task {

    /**
     * The images of this arrival for an expert that has learned {@code learnedBefore} tasks: occurrence
     * {@code learnedBefore} in {@code per-expert} mode, {@code round − 1} in {@code per-arrival} mode.
     */
    public MnistWorld.Slice slice(int learnedBefore) {
        int k = world.slices() == MnistWorld.Slices.PER_EXPERT ? learnedBefore : round - 1;
        return world.slice(type, k);
    }
}
