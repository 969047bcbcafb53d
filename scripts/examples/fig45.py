# fig45.py — the threshold study of the paper's Fig. 4/5: the gate stops once every expert is within
# Γ = 0.4^e of the winner, for e in {0.75, 1, 1.25, 1.5}; repeats share one pool and one task sequence.
#
#   ./moecl script scripts/examples/fig45.py --set repeats=100 --set quirk=true
#
# Writes into the run folder: fig45_F.png, fig45_G.png (mean curves per threshold) and fig45_summary.csv
# (final F, G and the mean freeze round per threshold).
p = moecl.params({"T": 500, "repeats": 20, "seed": 1, "quirk": False})

res = moecl.repro("fig45", {"seed": p["seed"], "T": p["T"], "repeats": p["repeats"], "quirk": p["quirk"]})
moecl.log(res["table"])

variants = []
for r in res["runs"]:
    if r["variant"] not in variants:
        variants.append(r["variant"])

curves = {}
summary = []
for v in variants:
    runs = [r for r in res["runs"] if r["variant"] == v]
    f = moecl.average([r["F_ref"] for r in runs])
    g = moecl.average([r["G_ref"] for r in runs])
    curves[v] = (f["mean"], g["mean"])
    freezes = [r["freezeRound"] for r in runs if r["freezeRound"] is not None]
    e = float(v.split("=")[1])
    summary.append({"e": e, "gamma": 0.4 ** e, "repeats": len(runs),
                    "F": f["mean"][p["T"] - 1], "F_se": f["se"][p["T"] - 1],
                    "G": g["mean"][p["T"] - 1], "G_se": g["se"][p["T"] - 1],
                    "frozen": len(freezes),
                    "meanFreezeRound": sum(freezes) / len(freezes) if freezes else ""})

for k, name in [(0, "F"), (1, "G")]:
    moecl.plot({"file": res["folder"] + "/fig45_" + name + ".png",
                "title": "Fig. 4/5: %s by threshold (mean of %d repeats)" % (name, p["repeats"]),
                "xLabel": "t", "yLabel": name + "_ref",
                "series": [{"name": "Γ = 0.4^" + v.split("=")[1], "y": curves[v][k]} for v in variants]})
moecl.writeCsv(res["folder"] + "/fig45_summary.csv", summary)
for row in summary:
    moecl.log("e=%-5s F_ref=%.5f ± %.5f  G_ref=%.5f ± %.5f  frozen %d/%d, mean freeze round %s"
              % (row["e"], row["F"], row["F_se"], row["G"], row["G_se"], row["frozen"], row["repeats"],
                 ("%.1f" % row["meanFreezeRound"]) if row["frozen"] else "-"))
moecl.log("outputs in " + res["folder"])
