/**
 * The spec language: one text syntax for components everywhere (command line, REPL, scripts, files), e.g.
 * {@code paper(eta=0.5, lambda=0.3, stop=threshold(gamma=0.318, minRounds=95))}.
 *
 * <p>{@link moecl.spec.SpecParser} reads text into {@link moecl.spec.SpecValue}s; every mistake is a
 * {@link moecl.spec.SpecException} naming the column; {@link moecl.spec.Suggest} proposes the intended name for a
 * misspelt one.
 */
package moecl.spec;
