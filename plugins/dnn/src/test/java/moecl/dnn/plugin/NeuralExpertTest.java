package moecl.dnn.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.dnn.nn.Loss;
import moecl.expert.LearnReport;
import moecl.plugin.BuildContext;

class NeuralExpertTest {

    @TempDir
    static Path tmp;
    static MnistWorld world;
    static MnistGenerator gen;

    @BeforeAll
    static void writeTiny() {
        Path tiny = Fixtures.tinyMnist(tmp, 2200);
        gen = (MnistGenerator) Fixtures.build(new MnistFactory(),
                "mnist(data=" + Fixtures.quoted(tiny) + ", train=50, test=100, slices=per-arrival)",
                Fixtures.context(2, 10, 1));
        world = gen.world();
    }

    static NeuralExpert mlp(String args, long seed, int index) {
        BuildContext ctx = Fixtures.context(2, 10, seed).withGenerator(gen).forExpert(index);
        String steps = args.contains("steps") ? "" : ", steps=15";
        return (NeuralExpert) Fixtures.build(new MlpExpertFactory(), "mlp(hidden=[16]" + steps + args + ")", ctx);
    }

    static MnistTask task(int round, int type) {
        return new MnistTask(round, type, world.features()[type], world);
    }

    @Test
    void sharedInitResetsWeightsAfterTask2DoNotDependOnTask1() {
        NeuralExpert a = mlp("", 7, 0);
        NeuralExpert b = mlp("", 7, 1);
        assertArrayEquals(a.network().parameters(), b.network().parameters(), "one shared initial state");
        a.learn(task(1, 0));
        a.learn(task(2, 1));
        b.learn(task(2, 1));
        assertArrayEquals(b.network().parameters(), a.network().parameters());
    }

    @Test
    void noneKeepsTraining() {
        NeuralExpert a = mlp(", reset=none", 7, 0);
        NeuralExpert b = mlp(", reset=none", 7, 0);
        assertArrayEquals(a.network().parameters(), b.network().parameters());
        a.learn(task(1, 0));
        a.learn(task(2, 1));
        b.learn(task(2, 1));
        assertFalse(Arrays.equals(b.network().parameters(), a.network().parameters()));
        NeuralExpert other = mlp(", reset=none", 7, 1);
        assertFalse(Arrays.equals(mlp(", reset=none", 7, 0).network().parameters(), other.network().parameters()),
                "without reset every expert has its own initial state");
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        for (String args : new String[] {"", ", batch=20, reset=none"}) {
            NeuralExpert a = mlp(args, 3, 0);
            NeuralExpert b = mlp(args, 3, 0);
            NeuralExpert c = mlp(args, 4, 0);
            for (int r = 1; r <= 3; r++) {
                a.learn(task(r, r % 3));
                b.learn(task(r, r % 3));
                c.learn(task(r, r % 3));
            }
            assertArrayEquals(a.network().parameters(), b.network().parameters(), args);
            assertFalse(Arrays.equals(a.network().parameters(), c.network().parameters()), args);
        }
    }

    @Test
    void movedIsTheTestLossOnThePreviousTask() {
        NeuralExpert a = mlp(", reset=none", 5, 0);
        LearnReport first = a.learn(task(1, 0));
        assertEquals(0.0, first.moved());
        assertTrue(first.loss() > 0);
        LearnReport second = a.learn(task(2, 2));
        MnistWorld.Slice prev = a.task(0);
        double expected = a.network().evaluate(world.inputs(prev.testIndices()),
                world.targets(0, prev.testIndices()), Loss.MSE);
        assertEquals(expected, second.moved(), 0.0);
        assertEquals(expected, a.evaluate(0).mse(), 1e-15);
        assertEquals(2, a.tasks());
    }

    @Test
    void learningReducesTheTrainingLossAndSnapshotsRestore() {
        NeuralExpert a = mlp(", steps=60, lr=0.5", 5, 0);
        LearnReport r = a.learn(task(1, 1));
        assertTrue(a.evaluate(0).accuracy() > 0.85, "accuracy " + a.evaluate(0).accuracy());
        Object snap = a.snapshot();
        double[] before = a.network().parameters();
        a.learn(task(2, 2));
        a.restore(snap);
        assertArrayEquals(before, a.network().parameters());
        assertEquals(1, a.tasks());
        assertTrue(r.loss() < 0.25);
    }

    @Test
    void lenetIsThePapersNetworkAndLearns() {
        BuildContext ctx = Fixtures.context(1, 10, 1).withGenerator(gen).forExpert(0);
        NeuralExpert e = (NeuralExpert) Fixtures.build(new LeNetExpertFactory(), "lenet(steps=3)", ctx);
        assertEquals(43_661, e.network().parameterCount());
        e.learn(task(1, 0));
        assertEquals(1, e.tasks());
    }

    @Test
    void neuralExpertsNeedImageTasks() {
        BuildContext ctx = Fixtures.context(1, 10, 1).forExpert(0);
        assertThrows(IllegalArgumentException.class, () -> mlp("", 1, 0).learn(new moecl.task.Task() {
            public int round() {
                return 1;
            }

            public int type() {
                return 0;
            }

            public double[] gateInput() {
                return new double[784];
            }
        }));
        assertTrue(ctx.generator() == null);
    }
}
