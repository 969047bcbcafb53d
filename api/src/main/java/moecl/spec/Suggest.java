package moecl.spec;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * "Did you mean ...?" for unknown names: component names, parameter names, commands.
 *
 * <p>A candidate is close to a word when, ignoring case, either
 * <ul>
 *   <li>its Damerau–Levenshtein distance to the word (insertions, deletions, substitutions and transpositions of
 *       adjacent letters, each costing 1) is at most {@code max(1, word.length() / 3)}: one typo in a short word,
 *       two in a word of six letters or more; or</li>
 *   <li>the word, at least two letters long, is a prefix of it ({@code clu} for {@code clusters}).</li>
 * </ul>
 * The closest candidate wins: smallest distance first, then prefix matches, then the smaller difference in length,
 * then alphabetical order, so the answer does not depend on the iteration order of the collection.
 */
public final class Suggest {

    private Suggest() {
    }

    /** The candidate closest to {@code word}, if any is close enough. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        int threshold = Math.max(1, w.length() / 3);
        String best = null;
        long bestScore = Long.MAX_VALUE;
        for (String candidate : candidates) {
            String c = candidate.toLowerCase(Locale.ROOT);
            int distance = distance(w, c);
            boolean prefix = w.length() >= 2 && c.startsWith(w);
            if (distance > threshold && !prefix) {
                continue;
            }
            // prefix matches beyond the threshold rank after every typo match
            long rank = distance <= threshold ? distance : threshold + 1;
            long score = (rank * 2 + (prefix ? 0 : 1)) * 10_000 + Math.min(9_999, Math.abs(c.length() - w.length()));
            if (score < bestScore || (score == bestScore && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code "; did you mean 'paper'?"} for the closest candidate, or {@code ""} when none is close. */
    public static String didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    /**
     * The Damerau–Levenshtein distance between {@code a} and {@code b} (case-sensitive): the fewest insertions,
     * deletions, substitutions and transpositions of two adjacent characters that turn one into the other. This is
     * the unrestricted distance (Lowrance–Wagner), in which a transposed pair may be edited further, so it is a
     * true metric: {@code distance("ca", "abc") == 2}.
     */
    public static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int infinity = n + m;
        // d[i + 1][j + 1] is the distance between the first i characters of a and the first j of b
        int[][] d = new int[n + 2][m + 2];
        d[0][0] = infinity;
        for (int i = 0; i <= n; i++) {
            d[i + 1][0] = infinity;
            d[i + 1][1] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j + 1] = infinity;
            d[1][j + 1] = j;
        }
        Map<Character, Integer> lastRowOf = new HashMap<>();
        for (int i = 1; i <= n; i++) {
            int lastMatchColumn = 0;
            for (int j = 1; j <= m; j++) {
                int k = lastRowOf.getOrDefault(b.charAt(j - 1), 0);
                int l = lastMatchColumn;
                int cost = 1;
                if (a.charAt(i - 1) == b.charAt(j - 1)) {
                    cost = 0;
                    lastMatchColumn = j;
                }
                d[i + 1][j + 1] = Math.min(Math.min(
                                d[i][j] + cost,              // substitution or match
                                d[i + 1][j] + 1),            // insertion
                        Math.min(
                                d[i][j + 1] + 1,             // deletion
                                d[k][l] + (i - k - 1) + 1 + (j - l - 1))); // transposition
            }
            lastRowOf.put(a.charAt(i - 1), i);
        }
        return d[n + 1][m + 1];
    }
}
