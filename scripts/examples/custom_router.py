# custom_router.py — the "cosine" router of custom_router.js written in Python, compared with the paper's gate.
#
# Per expert it keeps the unit direction of the first gate input it took; a task goes to the most similar
# expert (cosine), and opens a new expert while one is unused and the best similarity is below `threshold`.
#
#   ./moecl script scripts/examples/custom_router.py --set T=2000 --set seeds=3
#
# Prints the table of final F, G per run and writes custom_router_py_F.png / _G.png into the run folder.
import math

p = moecl.params({"T": 2000, "seeds": 3, "M": 5, "threshold": 0.9})


class CosineRouter:
    def __init__(self, ctx):
        self.m = ctx["M"]
        self.threshold = ctx["params"]["threshold"]
        self.dirs = []

    def route(self, task):
        x = list(task.gateInput)
        norm = math.sqrt(sum(v * v for v in x)) or 1.0
        best, best_sim = -1, -math.inf
        for e, d in enumerate(self.dirs):
            s = 0.0
            for i in range(len(x)):
                s += d[i] * x[i]
            s /= norm
            if s > best_sim:
                best, best_sim = e, s
        if best < 0 or (best_sim < self.threshold and len(self.dirs) < self.m):
            self.dirs.append([v / norm for v in x])
            return len(self.dirs) - 1
        return best

    def learn(self, task, decision, report):
        pass


moecl.registerRouter("cosine_py", CosineRouter,
                     {"summary": "script router (Python): nearest expert direction by cosine similarity",
                      "params": {"threshold": p["threshold"]}})

res = moecl.run({"router": ["paper", "cosine_py"], "M": p["M"], "T": p["T"], "seeds": p["seeds"],
                 "name": "custom_router_py"})
moecl.log(res["table"])

curves = {}
for router in ["paper", "cosine_py"]:
    runs = [r for r in res["runs"] if r["routerName"] == router]
    curves[router] = {"F": moecl.average([r["F_ref"] for r in runs])["mean"],
                      "G": moecl.average([r["G_ref"] for r in runs])["mean"]}
    moecl.log("%s: mean final F_ref = %.5f, G_ref = %.5f over %d seed(s)"
              % (router, curves[router]["F"][-1], curves[router]["G"][-1], len(runs)))

for metric in ["F", "G"]:
    moecl.plot({"file": res["folder"] + "/custom_router_py_" + metric + ".png",
                "title": "%s (M = %d, mean of %d seeds)" % ("Forgetting" if metric == "F" else "Generalization error",
                                                           p["M"], p["seeds"]),
                "xLabel": "t", "yLabel": metric + "_ref",
                "series": [{"name": r, "y": curves[r][metric]} for r in ["paper", "cosine_py"]]})
moecl.log("outputs in " + res["folder"])
