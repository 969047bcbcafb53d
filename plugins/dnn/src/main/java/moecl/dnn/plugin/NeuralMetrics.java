package moecl.dnn.plugin;

import java.util.ArrayList;
import java.util.List;

import moecl.expert.Expert;
import moecl.expert.LearnReport;
import moecl.metrics.RoundMetrics;
import moecl.task.Task;

/**
 * Forgetting and generalization of neural experts on MNIST tasks, the DNN variants of paper.md §7 (Fig. 3).
 *
 * <p>With {@code ℓ_m(j)} expert m's test MSE on the j-th task of its list (the task's own 1000 test images) and
 * {@code tc = t − 1}:
 * <ul>
 *   <li>{@code F = 1/tc Σ_m Σ_j |ℓ_m(j) now − ℓ_m(j) right after m learned j|}, 0 at {@code tc = 0}. This is our
 *   reading of the reference's {@code |ℓ_m(last) − ℓ_m(j)|}: "last" is the expert's latest model, compared with
 *   the model that had just learned task j (as in the linear reference metric {@code |‖w_now − w_n‖ −
 *   ‖w_{i+1} − w_n‖|}); the newest task of a list contributes 0.</li>
 *   <li>{@code G = 1/(tc + 1) Σ_m Σ_j ℓ_m(j) now} (every task learned so far, the current one included).</li>
 *   <li>{@code acc}: the mean test accuracy (output ≥ 0.5 means label 1) over the same tasks, now.</li>
 * </ul>
 * Only experts that learned this round changed; their whole list is re-evaluated, the others come from a cache.
 */
public final class NeuralMetrics implements RoundMetrics {

    private final List<List<Double>> now = new ArrayList<>();
    private final List<List<Double>> after = new ArrayList<>();
    private final List<List<Double>> acc = new ArrayList<>();

    public NeuralMetrics(int experts) {
        for (int m = 0; m < experts; m++) {
            now.add(new ArrayList<>());
            after.add(new ArrayList<>());
            acc.add(new ArrayList<>());
        }
    }

    @Override
    public List<String> columns() {
        return List.of("F", "G", "acc");
    }

    @Override
    public void observe(Task task, int expert, Expert[] experts, LearnReport report, double[] out) {
        for (int m = 0; m < experts.length; m++) {
            if (!(experts[m] instanceof NeuralExpert ne)) {
                throw new IllegalArgumentException("mnist metrics need neural experts (lenet, mlp); expert " + m
                        + " is not one");
            }
            if (m != expert && ne.tasks() == now.get(m).size()) {
                continue;
            }
            List<Double> l = now.get(m);
            List<Double> a = acc.get(m);
            l.clear();
            a.clear();
            for (int j = 0; j < ne.tasks(); j++) {
                NeuralExpert.Evaluation e = ne.evaluate(j);
                l.add(e.mse());
                a.add(e.accuracy());
            }
            List<Double> base = after.get(m);
            while (base.size() < l.size()) {
                base.add(l.get(base.size()));
            }
        }
        int tc = task.round() - 1;
        double f = 0;
        double g = 0;
        double accSum = 0;
        int count = 0;
        for (int m = 0; m < experts.length; m++) {
            List<Double> l = now.get(m);
            for (int j = 0; j < l.size(); j++) {
                f += Math.abs(l.get(j) - after.get(m).get(j));
                g += l.get(j);
                accSum += acc.get(m).get(j);
                count++;
            }
        }
        out[0] = tc == 0 ? 0 : f / tc;
        out[1] = g / (tc + 1);
        out[2] = count == 0 ? Double.NaN : accSum / count;
    }
}
