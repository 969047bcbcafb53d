// custom_router.js — a router written in JavaScript, compared with the paper's gate on the same worlds.
//
// The "cosine" router keeps, per expert, the unit direction of the first gate input it took. A task goes to the
// expert whose direction is most similar (cosine); while some expert is still unused, a task whose best
// similarity is below `threshold` opens a new expert. It needs no training, so it never stops learning wrongly,
// but it cannot merge clusters the way the paper's gate does.
//
//   ./moecl script scripts/examples/custom_router.js --set T=2000 --set seeds=3
//
// Prints the table of final F, G per run and writes custom_router_F.png / _G.png and the CSV of mean curves
// into the run folder.
const p = moecl.params({ T: 2000, seeds: 3, M: 5, threshold: 0.9 });

class CosineRouter {
  constructor(ctx) {
    this.m = ctx.M;
    this.threshold = ctx.params.threshold;
    this.dirs = [];                         // unit directions of the experts used so far
  }
  route(task) {
    const x = task.gateInput;
    let norm = 0;
    for (let i = 0; i < x.length; i++) norm += x[i] * x[i];
    norm = Math.sqrt(norm) || 1;
    let best = -1, bestSim = -Infinity;
    for (let e = 0; e < this.dirs.length; e++) {
      const d = this.dirs[e];
      let s = 0;
      for (let i = 0; i < x.length; i++) s += d[i] * x[i];
      s /= norm;
      if (s > bestSim) { bestSim = s; best = e; }
    }
    if (best < 0 || (bestSim < this.threshold && this.dirs.length < this.m)) {
      const d = new Array(x.length);
      for (let i = 0; i < x.length; i++) d[i] = x[i] / norm;
      this.dirs.push(d);
      return this.dirs.length - 1;
    }
    return best;
  }
  learn(task, decision, report) { }         // nothing to learn: the directions are fixed once taken
}

moecl.registerRouter("cosine", CosineRouter, {
  summary: "script router: nearest expert direction by cosine similarity",
  params: { threshold: p.threshold },
});

const res = moecl.run({ router: ["paper", "cosine"], M: p.M, T: p.T, seeds: p.seeds, name: "custom_router" });
moecl.log(res.table);

const curves = {};
for (const router of ["paper", "cosine"]) {
  const runs = res.runs.filter(r => r.routerName === router);
  curves[router] = { F: moecl.average(runs.map(r => r.F_ref)).mean, G: moecl.average(runs.map(r => r.G_ref)).mean };
  const last = p.T - 1;
  moecl.log(`${router}: mean final F_ref = ${curves[router].F[last].toFixed(5)}, G_ref = ${curves[router].G[last].toFixed(5)}`
    + ` over ${runs.length} seed(s)`);
}
for (const metric of ["F", "G"]) {
  moecl.plot({
    file: `${res.folder}/custom_router_${metric}.png`,
    title: `${metric === "F" ? "Forgetting" : "Generalization error"} (M = ${p.M}, mean of ${p.seeds} seeds)`,
    xLabel: "t", yLabel: metric + "_ref",
    series: ["paper", "cosine"].map(r => ({ name: r, y: curves[r][metric] })),
  });
}
moecl.writeCsv(`${res.folder}/custom_router_mean.csv`, {
  t: res.runs[0].t,
  F_paper: curves.paper.F, G_paper: curves.paper.G, F_cosine: curves.cosine.F, G_cosine: curves.cosine.G,
});
moecl.log("outputs in " + res.folder);
