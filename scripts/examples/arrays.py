# arrays.py — array maths on results with moecl.linalg (GraalPy has no numpy): a sweep over M, read back with
# moecl.load, per-round curves stacked into an array, a least-squares fit of the final forgetting against 1/M, and
# the sweep's table written as CSV. Imports fit_helpers.py from this folder.
#
#   ./moecl script scripts/examples/arrays.py --set T=1000 --set seeds=5
#
# Writes into the run folder: arrays_table.csv (the final-metrics table, one row per M) and arrays_fit.csv.
import random
from fit_helpers import least_squares

p = moecl.params({"T": 500, "seeds": 3, "Ms": [1, 2, 5, 10], "seed": 1})
L = moecl.linalg

res = moecl.run({"T": p["T"], "seeds": p["seeds"], "M": p["Ms"], "name": "arrays"})
back = moecl.load(res["folder"])  # the same results, read from the folder

finals = []
for M in p["Ms"]:
    runs = [r for r in back["runs"] if r["M"] == M]
    curves = L.array([list(r["F_ref"]) for r in runs])  # seeds × T
    mean = curves.mean(axis=0)  # the mean curve over seeds
    finals.append(mean[-1])
    print("M=%-3d F_ref at T: %.5f  (max over rounds %.5f)" % (M, mean[-1], mean.max()))

# F_final ≈ a + b / M, least squares (a tall system)
a, b = least_squares(L, [[1.0] * len(p["Ms"]), [1.0 / M for M in p["Ms"]]], finals)
print("fit: F_ref(T) ≈ %.5f + %.5f / M" % (a, b))

# a bootstrap of the fit's intercept, with Python's random module (seeded: the same numbers on every run)
picks = [random.randrange(len(finals)) for _ in range(len(finals))]
print("one bootstrap resample of the settings:", picks)

moecl.writeCsv(res["folder"] + "/arrays_table.csv", back["table"])
moecl.writeCsv(res["folder"] + "/arrays_fit.csv", {"M": p["Ms"], "F_final": finals,
                                                   "fit": [a + b / M for M in p["Ms"]]})
print(back["table"])
moecl.log("outputs in " + res["folder"])
