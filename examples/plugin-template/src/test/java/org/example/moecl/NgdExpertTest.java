package org.example.moecl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import moecl.engine.RunEngine;
import moecl.engine.RunResult;
import moecl.engine.RunSpec;
import moecl.engine.Sweep;
import moecl.expert.LearnReport;
import moecl.plugin.Binder;
import moecl.plugin.BuildContext;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.rng.RngKind;
import moecl.spec.SpecParser;
import moecl.task.LinearTask;
import moecl.task.TaskGenerator;
import moecl.testkit.PluginContract;
import moecl.testkit.bundled.LinearTasksFactory;

class NgdExpertTest {

    /** The whole contract in one call (snapshot/restore included, since the expert offers it). */
    @Test
    void keepsThePluginContract() {
        PluginContract.verify(new NgdExpertFactory());
    }

    /** Both plugins are found through their service files, as moecl finds them in the plugin's jar. */
    @Test
    void bothPluginsAreRegisteredThroughTheirServiceFiles() {
        Registry registry = Registry.standard();
        assertEquals(List.of(), registry.failures());
        assertTrue(registry.find(PluginKind.ROUTER, "prototype").isPresent());
        assertTrue(registry.find(PluginKind.EXPERT, "ngd").isPresent());
    }

    /** Built by hand: on an overparameterised task (s < d) enough steps fit it to nearly zero loss. */
    @Test
    void fitsATask() {
        BuildContext ctx = new BuildContext(1, 1, 7, RngKind.FAST, null, null, -1);
        LinearTasksFactory tasks = new LinearTasksFactory();
        TaskGenerator g = tasks.create(Binder.bind(tasks.descriptor(), SpecParser.parseComponent("kit-linear")), ctx);
        NgdExpertFactory f = new NgdExpertFactory();
        NgdExpert e = (NgdExpert) f.create(Binder.bind(f.descriptor(), SpecParser.parseComponent("ngd(steps=500)")),
                ctx.withGenerator(g));
        LinearTask t = (LinearTask) g.next();
        LearnReport r = e.learn(t);
        assertTrue(r.moved() > 0.1, "it moved: " + r.moved());
        assertTrue(r.loss() < 1e-6, "it fits the task: loss " + r.loss());
    }

    /** In a run of moecl's engine the linear expert gets the forgetting and generalization metrics. */
    @Test
    void runsHaveForgettingAndGeneralization() {
        Registry registry = Registry.standard();
        registry.register(PluginKind.GENERATOR, new LinearTasksFactory()); // the kit's tasks, for this session
        RunSpec spec = new RunSpec(SpecParser.parseComponent("kit-linear"), SpecParser.parseComponent("ngd"),
                SpecParser.parseComponent("prototype"), 3, 60, RngKind.FAST, 1, Map.of());
        RunResult r = Sweep.run(registry, List.of(spec), 1, RunEngine.Progress.NONE).get(0).result();
        assertEquals(List.of("F", "G", "F_ref", "G_ref"), List.copyOf(r.metrics().keySet()));
        assertTrue(Double.isFinite(r.last("F")) && r.last("G") > 0, "F=" + r.last("F") + ", G=" + r.last("G"));
        assertEquals(3, r.expertSets().stream().mapToInt(List::size).sum(), "the prototypes give expert sets");
    }
}
