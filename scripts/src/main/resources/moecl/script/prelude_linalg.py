# moecl.linalg for Python: arrays with operators over the host's ojAlgo arrays (see scripts/README.md).
# Evaluated in every Python context by ScriptHost; _moecl_linalg_module(h) gets the host's moecl.linalg.
def _moecl_linalg_module(h):
    import builtins as _b
    _is = h._isArray

    def _catch(f):
        # an error of the host arrays (a Java exception, catchable only as BaseException) becomes a ValueError
        def g(*args, **kwargs):
            try:
                return f(*args, **kwargs)
            except BaseException as e:
                if type(e).__name__ != "ForeignException":
                    raise
                m = str(e)
                if m.startswith("java.") and ": " in m:
                    m = m.split(": ", 1)[1]
                raise ValueError(m) from None
        g.__name__ = getattr(f, "__name__", "call")
        g.__doc__ = getattr(f, "__doc__", None)
        return g

    def _catch_all(cls):
        for name, f in list(vars(cls).items()):
            if callable(f) and name not in ("__init__", "__getattr__"):
                setattr(cls, name, _catch(f))
        return cls

    def _u(o):
        return o._h if isinstance(o, ndarray) else o

    def _v(o):
        if isinstance(o, ndarray):
            return o._h
        if isinstance(o, (list, tuple)):
            return array(o)._h
        return o

    def _w(x):
        return ndarray(x) if _is(x) else x

    def _ix(k, n, what):
        if isinstance(k, _b.slice):
            start, stop, step = k.indices(n)
            return start, step, len(_b.range(start, stop, step)), False
        if isinstance(k, _b.int):
            i = k + n if k < 0 else k
            if i < 0 or i >= n:
                raise IndexError("index %d is out of bounds for %s of size %d" % (k, what, n))
            return i, 1, 1, True
        raise TypeError("arrays are indexed by integers and slices (a[1:3, 0]), got %s" % type(k).__name__)

    class ndarray:
        """A moecl.linalg array: a[i, j], a[1:3, :], @, *, +, -, /, **, .T, .shape, len(), iteration."""
        __slots__ = ("_h",)
        __array_priority__ = 100

        def __init__(self, host):
            object.__setattr__(self, "_h", host)

        @property
        def shape(self):
            return tuple(self._h.shape)

        @property
        def ndim(self):
            return self._h.ndim

        @property
        def size(self):
            return self._h.size

        @property
        def T(self):
            return ndarray(self._h.T())

        def __len__(self):
            return self._h.shape[0]

        def __iter__(self):
            h = self._h
            if h.ndim == 1:
                return iter(list(h.toList()))
            return (ndarray(h.get(i)) for i in _b.range(h.rows()))

        def __getitem__(self, key):
            h = self._h
            if h.ndim == 1:
                if isinstance(key, tuple):
                    if len(key) != 1:
                        raise IndexError("too many indices for a 1-D array: %d" % len(key))
                    key = key[0]
                c0, cs, cn, drop = _ix(key, h.size, "axis 0")
                if drop:
                    return h.get(c0)
                return ndarray(h._section(0, 1, 1, c0, cs, cn, True, False))
            if not isinstance(key, tuple):
                key = (key, _b.slice(None))
            if len(key) != 2:
                raise IndexError("too many indices for a 2-D array: %d" % len(key))
            r0, rs, rn, dr = _ix(key[0], h.rows(), "axis 0")
            c0, cs, cn, dc = _ix(key[1], h.cols(), "axis 1")
            if dr and dc:
                return h.get(r0, c0)
            return ndarray(h._section(r0, rs, rn, c0, cs, cn, dr, dc))

        def __setitem__(self, key, value):
            h = self._h
            if h.ndim == 1 and isinstance(key, _b.int):
                h.set(key, value)
            elif h.ndim == 2 and isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, _b.int) for k in key):
                h.set(key[0], key[1], value)
            else:
                raise TypeError("moecl.linalg arrays set one value at a time: a[i] = x (1-D) or a[i, j] = x (2-D)")

        # one method per operator, each handing over to the host array: alike on purpose
        def __matmul__(self, o):
            return _w(self._h.matmul(_v(o)))

        def __rmatmul__(self, o):
            return _w(asarray(o)._h.matmul(self._h))

        def __mul__(self, o):
            return ndarray(self._h.mul(_v(o)))

        __rmul__ = __mul__

        def __add__(self, o):
            return ndarray(self._h.add(_v(o)))

        __radd__ = __add__

        def __sub__(self, o):
            return ndarray(self._h.sub(_v(o)))

        def __rsub__(self, o):
            return ndarray(self._h.rsub(_v(o)))

        def __truediv__(self, o):
            return ndarray(self._h.div(_v(o)))

        def __rtruediv__(self, o):
            return ndarray(self._h.rdiv(_v(o)))

        def __pow__(self, o):
            return ndarray(self._h.pow(_v(o)))

        def __rpow__(self, o):
            return ndarray(self._h.rpow(_v(o)))

        def __neg__(self):
            return ndarray(self._h.neg())

        def __pos__(self):
            return self

        def __abs__(self):
            return ndarray(self._h.abs())

        def __eq__(self, o):
            if isinstance(o, (ndarray, list, tuple)):
                return self._h.equals(_u(o) if isinstance(o, ndarray) else list(o))
            return NotImplemented

        def __ne__(self, o):
            r = self.__eq__(o)
            return r if r is NotImplemented else not r

        __hash__ = None

        def __bool__(self):
            if self._h.size == 1:
                return self._h.toList()[0] != 0
            raise ValueError("the truth value of an array with more than one value is ambiguous; compare with == "
                             "(whole arrays) or use a.sum(), a.min(), a.max()")

        def __float__(self):
            if self._h.size != 1:
                raise TypeError("only an array of one value converts to a number")
            return float(self._h.toList()[0])

        def __str__(self):
            return str(self._h.toString())

        def __repr__(self):
            return str(self._h.toString())

        def sum(self, axis=None):
            return _w(self._h.sum(axis))

        def mean(self, axis=None):
            return _w(self._h.mean(axis))

        def min(self, axis=None):
            return _w(self._h.min(axis))

        def max(self, axis=None):
            return _w(self._h.max(axis))

        def tolist(self):
            return _tolist(self._h)

        def allclose(self, o, tol=1e-8):
            return self._h.allclose(_u(o) if isinstance(o, ndarray) else list(o), tol)

        def reshape(self, rows, cols):
            return ndarray(self._h.reshape(rows, cols))

        def __getattr__(self, name):
            # the JavaScript-style methods (matmul, mul, add, solve, norm, exp, inv, det, ...) with array results wrapped
            a = getattr(self._h, name)
            if not callable(a):
                return a

            def call(*args):
                return _w(a(*[_u(x) for x in args]))
            return _catch(call)

    _catch_all(ndarray)
    _ndarray = ndarray

    def _tolist(h):
        if h.ndim == 1:
            return [float(x) for x in h.toList()]
        return [[float(x) for x in row] for row in h.toArray()]

    def _list(xs):
        return [_u(x) if isinstance(x, ndarray) else (list(x) if isinstance(x, tuple) else x) for x in xs]

    def array(values):
        if isinstance(values, ndarray):
            return ndarray(h.array(values._h))
        if isinstance(values, tuple):
            values = list(values)
        if isinstance(values, list):
            values = _list(values)
        return ndarray(h.array(values))

    def asarray(values):
        if isinstance(values, ndarray):
            return values
        if _is(values):
            return ndarray(values)
        return array(values)

    def _shape(args):
        if len(args) == 1 and isinstance(args[0], tuple):
            args = args[0]
        return args

    class Linalg:
        """moecl.linalg: array, asarray, zeros, ones, eye, arange, stack, hstack, vstack, inv, solve, eig, svd,
        norm, det, exp, log, sqrt, abs, sum, mean, min, max (and matrix, vector, identity)."""
        __slots__ = ()
        ndarray = _ndarray

        def array(self, values):
            return array(values)

        def asarray(self, values):
            return asarray(values)

        def zeros(self, *shape):
            return ndarray(h.zeros(*_shape(shape)))

        def ones(self, *shape):
            return ndarray(h.ones(*_shape(shape)))

        def eye(self, n):
            return ndarray(h.eye(n))

        def identity(self, n):
            return ndarray(h.identity(n))

        def arange(self, *args):
            return ndarray(h.arange(*args))

        def matrix(self, rows):
            return ndarray(h.matrix(_list(rows)))

        def vector(self, values):
            return ndarray(h.vector(_list(values)))

        def stack(self, arrays, axis=0):
            return ndarray(h.stack(_list(arrays), axis))

        def hstack(self, arrays):
            return ndarray(h.hstack(_list(arrays)))

        def vstack(self, arrays):
            return ndarray(h.vstack(_list(arrays)))

        def inv(self, a):
            return ndarray(asarray(a)._h.inv())

        def det(self, a):
            return asarray(a)._h.det()

        def solve(self, a, b):
            return ndarray(asarray(a)._h.solve(asarray(b)._h))

        def eig(self, a):
            """(eigenvalues ascending, eigenvectors as columns) of a symmetric matrix, as numpy.linalg.eigh."""
            r = asarray(a)._h.eig()
            return ndarray(r["values"]), ndarray(r["vectors"])

        def svd(self, a):
            """(U, S, Vt) with a = U @ diag(S) @ Vt, singular values descending (numpy's full_matrices=False)."""
            r = asarray(a)._h.svd()
            return ndarray(r["U"]), ndarray(r["S"]), ndarray(r["Vt"])

        def norm(self, a):
            return asarray(a)._h.norm()

        def matmul(self, a, b):
            return asarray(a) @ asarray(b)

        def transpose(self, a):
            return asarray(a).T

        def exp(self, a):
            return ndarray(asarray(a)._h.exp())

        def log(self, a):
            return ndarray(asarray(a)._h.log())

        def sqrt(self, a):
            return ndarray(asarray(a)._h.sqrt())

        def abs(self, a):
            return ndarray(asarray(a)._h.abs())

        def sum(self, a, axis=None):
            return asarray(a).sum(axis)

        def mean(self, a, axis=None):
            return asarray(a).mean(axis)

        def min(self, a, axis=None):
            return asarray(a).min(axis)

        def max(self, a, axis=None):
            return asarray(a).max(axis)

        def __repr__(self):
            return str(h.toString())

    _catch_all(Linalg)
    return Linalg()
