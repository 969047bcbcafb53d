# sweep_experts.py — final forgetting against the number of experts M: one sweep over M, several seeds, the
# paper's router with termination on the Fig. 2 tasks. The paper's claim: with M >= N (here the clusters K)
# forgetting falls like O(T1/t); more experts specialise later.
#
#   ./moecl script scripts/examples/sweep_experts.py --set seeds=10 --set "Ms=[1,2,3,5,8,10,15,20]"
#
# Writes into the run folder: final_forgetting.csv and final_forgetting.png (mean ± standard error against M).
p = moecl.params({"T": 2000, "seeds": 5, "Ms": [1, 2, 3, 5, 8, 10, 15, 20]})

res = moecl.sweep({"T": p["T"], "seeds": p["seeds"], "name": "sweep_experts"}, {"M": p["Ms"]})

rows = []
for M in p["Ms"]:
    runs = [r for r in res["runs"] if r["M"] == M]
    finals_f = [[r["final"]["F_ref"]] for r in runs]
    finals_g = [[r["final"]["G_ref"]] for r in runs]
    f = moecl.average(finals_f)
    g = moecl.average(finals_g)
    rows.append({"M": M, "seeds": len(runs), "F": f["mean"][0], "F_se": f["se"][0], "G": g["mean"][0],
                 "G_se": g["se"][0]})
    moecl.log("M=%-3d final F_ref = %.5f ± %.5f   G_ref = %.5f ± %.5f"
              % (M, f["mean"][0], f["se"][0], g["mean"][0], g["se"][0]))

moecl.writeCsv(res["folder"] + "/final_forgetting.csv", rows)
moecl.plot({"file": res["folder"] + "/final_forgetting.png",
            "title": "Final forgetting at T = %d against M (mean of %d seeds)" % (p["T"], p["seeds"]),
            "xLabel": "M (experts)", "yLabel": "F_ref at T",
            "series": [{"name": "mean", "x": [r["M"] for r in rows], "y": [r["F"] for r in rows]},
                       {"name": "mean + se", "x": [r["M"] for r in rows], "y": [r["F"] + r["F_se"] for r in rows]},
                       {"name": "mean - se", "x": [r["M"] for r in rows], "y": [r["F"] - r["F_se"] for r in rows]}]})
moecl.log("outputs in " + res["folder"])
