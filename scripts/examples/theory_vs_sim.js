// theory_vs_sim.js — simulation against the closed-form theory on rotation-invariant tasks (`gaussian`, where
// the theory is exact): for each run, the expected F and G given its own routing (F_theory, G_theory), averaged
// over seeds next to the simulated curves; and the one-expert uniform-arrival curve from moecl.theory.
//
//   ./moecl script scripts/examples/theory_vs_sim.js --set seeds=50
//
// Writes into the run folder: theory_vs_sim_F.png, theory_vs_sim_G.png, theory_vs_sim.csv; prints the final
// simulated mean ± standard error and the theory for each M.
const p = moecl.params({ T: 400, seeds: 20, tasks: "gaussian(d=20, s=5, N=3, sigma=0.1)", Ms: [1, 3] });

const res = moecl.run({ tasks: p.tasks, M: p.Ms, router: "paper(stop=never)", T: p.T, seeds: p.seeds,
                        theory: true, name: "theory_vs_sim" });
const one = moecl.theory({ tasks: p.tasks, T: p.T, seed: 1 });
moecl.log(`theory: ${one.note}; r = ${one.r.toFixed(4)}, one expert: G -> ${one.limitG.toFixed(4)}, F -> ${one.limitF.toFixed(4)}`);

const table = { t: res.runs[0].t };
const seriesF = [], seriesG = [];
for (const M of p.Ms) {
  const runs = res.runs.filter(r => r.M === M);
  const cols = {};
  for (const c of ["F", "G", "F_theory", "G_theory"]) cols[c] = moecl.average(runs.map(r => r[c]));
  for (const c of Object.keys(cols)) table[`${c}_M${M}`] = cols[c].mean;
  seriesF.push({ name: `simulated M=${M}`, y: cols.F.mean }, { name: `theory M=${M}`, y: cols.F_theory.mean });
  seriesG.push({ name: `simulated M=${M}`, y: cols.G.mean }, { name: `theory M=${M}`, y: cols.G_theory.mean });
  const last = p.T - 1;
  moecl.log(`M=${M}: F = ${cols.F.mean[last].toFixed(5)} ± ${cols.F.se[last].toFixed(5)} (theory ${cols.F_theory.mean[last].toFixed(5)}),`
    + ` G = ${cols.G.mean[last].toFixed(5)} ± ${cols.G.se[last].toFixed(5)} (theory ${cols.G_theory.mean[last].toFixed(5)})`);
}
seriesG.push({ name: "one expert, uniform arrivals", y: one.G_uniform });
table.G_uniform_one_expert = one.G_uniform;
moecl.plot({ file: `${res.folder}/theory_vs_sim_F.png`, title: `Forgetting: simulation vs theory (${p.seeds} seeds)`,
             xLabel: "t", yLabel: "F", series: seriesF });
moecl.plot({ file: `${res.folder}/theory_vs_sim_G.png`, title: `Generalization: simulation vs theory (${p.seeds} seeds)`,
             xLabel: "t", yLabel: "G", series: seriesG });
moecl.writeCsv(`${res.folder}/theory_vs_sim.csv`, table);
moecl.log("outputs in " + res.folder);
