/**
 * Randomness: every draw goes through {@link moecl.rng.RandomSource}, so a run replays with the fast generator
 * ({@link moecl.rng.FastRandom}, xoshiro256** with a ziggurat) or draw for draw against the reference numpy scripts
 * ({@link moecl.rng.NumpyLegacyRandom}, with glibc's logarithm {@link moecl.rng.GlibcLog});
 * {@link moecl.rng.RngKind} names the two and {@link moecl.rng.Seeds} splits a run's seed into named streams. A
 * plugin takes its streams from its build context, never from a generator of its own.
 */
package moecl.rng;
