package moecl.dnn.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.expert.Expert;
import moecl.expert.LearnReport;
import moecl.plugin.BuildContext;

class NeuralMetricsTest {

    @Test
    void forgettingAndGeneralizationFollowTheDefinitions(@TempDir Path tmp) {
        Path tiny = Fixtures.tinyMnist(tmp, 2200);
        MnistGenerator gen = (MnistGenerator) Fixtures.build(new MnistFactory(),
                "mnist(data=" + Fixtures.quoted(tiny) + ", train=40, test=60)", Fixtures.context(2, 10, 1));
        MnistWorld w = gen.world();
        NeuralExpert[] experts = new NeuralExpert[2];
        for (int m = 0; m < 2; m++) {
            BuildContext ctx = Fixtures.context(2, 10, 9).withGenerator(gen).forExpert(m);
            experts[m] = (NeuralExpert) Fixtures.build(new MlpExpertFactory(),
                    "mlp(hidden=[8], steps=10, lr=0.3, reset=none)", ctx);
        }
        NeuralMetrics metrics = new NeuralMetrics(2);
        assertEquals(List.of("F", "G", "acc"), metrics.columns());
        double[] out = new double[3];
        int[] route = {0, 1, 0, 0};
        int[] types = {0, 1, 2, 1};
        double[][] after = new double[2][4];
        for (int t = 0; t < 4; t++) {
            MnistTask task = new MnistTask(t + 1, types[t], w.features()[types[t]], w);
            NeuralExpert e = experts[route[t]];
            LearnReport r = e.learn(task);
            after[route[t]][e.tasks() - 1] = e.evaluate(e.tasks() - 1).mse();
            metrics.observe(task, route[t], (Expert[]) experts, r, out);
            double f = 0;
            double g = 0;
            double acc = 0;
            int n = 0;
            for (int m = 0; m < 2; m++) {
                for (int j = 0; j < experts[m].tasks(); j++) {
                    NeuralExpert.Evaluation ev = experts[m].evaluate(j);
                    f += Math.abs(ev.mse() - after[m][j]);
                    g += ev.mse();
                    acc += ev.accuracy();
                    n++;
                }
            }
            assertEquals(t == 0 ? 0 : f / t, out[0], 1e-15, "F at t=" + (t + 1));
            assertEquals(g / (t + 1), out[1], 1e-15, "G at t=" + (t + 1));
            assertEquals(acc / n, out[2], 1e-15);
        }
        // expert 0 learned its third task after its first: its loss on task 1 moved, so F > 0
        assertEquals(true, out[0] > 0);
    }
}
