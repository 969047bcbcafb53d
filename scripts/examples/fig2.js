// fig2.js — both panels of the paper's Fig. 2 over several seeds: forgetting F_t and generalization error G_t
// against t for M = 1, 5, 10, 20 experts, with the gate's termination (Algorithm 1) and without it.
//
//   ./moecl script scripts/examples/fig2.js --set seeds=20
//
// Writes into the run folder: fig2_F.png, fig2_G.png (with termination | without, one line per M, mean over
// seeds), fig2_F.svg, fig2_mean.csv (mean curves) and fig2_final.csv (final values per variant and M).
const p = moecl.params({ T: 2000, seeds: 5, rng: "fast", metric: "ref" });
const F = p.metric === "ref" ? "F_ref" : "F";
const G = p.metric === "ref" ? "G_ref" : "G";

const res = moecl.repro("fig2", { seeds: p.seeds, T: p.T, rng: p.rng });
moecl.log(res.table);

const Ms = [1, 5, 10, 20];
const mean = { t: res.runs[0].t };
const final = [];
for (const variant of ["stop", "nostop"]) {
  for (const M of Ms) {
    const runs = res.runs.filter(r => r.variant === variant && r.M === M);
    const f = moecl.average(runs.map(r => r[F]));
    const g = moecl.average(runs.map(r => r[G]));
    mean[`${F}_${variant}_M${M}`] = f.mean;
    mean[`${G}_${variant}_M${M}`] = g.mean;
    const freezes = runs.map(r => r.freezeRound).filter(x => x !== null && x !== undefined);
    final.push({
      variant, M, seeds: runs.length,
      F: f.mean[p.T - 1], F_se: f.se[p.T - 1], G: g.mean[p.T - 1], G_se: g.se[p.T - 1],
      meanFreezeRound: freezes.length ? freezes.reduce((a, b) => a + b, 0) / freezes.length : "",
    });
  }
}
for (const [metric, label] of [[F, "Forgetting"], [G, "Generalization error"]]) {
  const series = [];
  for (const variant of ["stop", "nostop"]) {
    for (const M of Ms) {
      series.push({ name: `M=${M} ${variant === "stop" ? "with" : "without"} termination`,
                    y: mean[`${metric}_${variant}_M${M}`] });
    }
  }
  const opts = { title: `Fig. 2: ${label} (mean of ${p.seeds} seeds)`, xLabel: "t", yLabel: metric, series };
  moecl.plot(Object.assign({ file: `${res.folder}/fig2_${metric[0]}.png` }, opts));
  if (metric === F) moecl.plot(Object.assign({ file: `${res.folder}/fig2_F.svg` }, opts));
}
moecl.writeCsv(`${res.folder}/fig2_mean.csv`, mean);
moecl.writeCsv(`${res.folder}/fig2_final.csv`, final);
for (const row of final) {
  moecl.log(`${row.variant.padEnd(6)} M=${String(row.M).padEnd(2)}  ${F} = ${row.F.toFixed(5)} ± ${row.F_se.toFixed(5)}`
    + `   ${G} = ${row.G.toFixed(5)} ± ${row.G_se.toFixed(5)}`);
}
moecl.log("outputs in " + res.folder);
