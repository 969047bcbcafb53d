package moecl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SuggestTest {

    private static final List<String> ROUTERS = List.of("paper", "random", "clusters", "top1", "oracle", "noisy-top-k");

    @Test
    void typos() {
        assertEquals(Optional.of("paper"), Suggest.closest("papr", ROUTERS));
        assertEquals(Optional.of("clusters"), Suggest.closest("clustrs", ROUTERS));
        assertEquals(Optional.of("random"), Suggest.closest("radnom", ROUTERS), "transposition");
        assertEquals(Optional.of("oracle"), Suggest.closest("orcale", ROUTERS));
        assertEquals(Optional.of("clusters"), Suggest.closest("clustrers", ROUTERS));
        assertEquals(Optional.of("noisy-top-k"), Suggest.closest("noisy_top_k", ROUTERS));
    }

    @Test
    void nothingCloseMeansNoSuggestion() {
        assertEquals(Optional.empty(), Suggest.closest("xyz", ROUTERS));
        assertEquals(Optional.empty(), Suggest.closest("gradient", ROUTERS));
        assertEquals(Optional.empty(), Suggest.closest("ppr", ROUTERS), "two edits in a short word is too many");
        assertEquals(Optional.empty(), Suggest.closest("paper", List.of()));
    }

    @Test
    void ignoresCase() {
        assertEquals(Optional.of("paper"), Suggest.closest("PAPER", ROUTERS));
        assertEquals(Optional.of("minRounds"), Suggest.closest("minrounds", List.of("eta", "minRounds")));
        assertEquals(Optional.of("minRounds"), Suggest.closest("minRound", List.of("eta", "minRounds")));
    }

    @Test
    void prefixes() {
        assertEquals(Optional.of("clusters"), Suggest.closest("clu", ROUTERS));
        assertEquals(Optional.of("noisy-top-k"), Suggest.closest("noisy", ROUTERS));
        assertEquals(Optional.empty(), Suggest.closest("q", List.of("quantile")), "one letter is no prefix");
    }

    @Test
    void closerBeatsPrefixAndTiesAreAlphabetical() {
        assertEquals(Optional.of("top"), Suggest.closest("tpo", List.of("top1", "top", "topk")));
        assertEquals(Optional.of("eta"), Suggest.closest("et", List.of("etas", "eta")));
        assertEquals(Optional.of("bat"), Suggest.closest("xat", Set.of("cat", "bat", "hat")));
        assertEquals(Optional.of("gamma"), Suggest.closest("gama", List.of("gammas", "gamma")));
    }

    @Test
    void didYouMean() {
        assertEquals("; did you mean 'paper'?", Suggest.didYouMean("papr", ROUTERS));
        assertEquals("; did you mean 'clusters'?", Suggest.didYouMean("clustrs", ROUTERS));
        assertEquals("", Suggest.didYouMean("xyz", ROUTERS));
    }

    @Test
    void damerauLevenshteinDistance() {
        assertEquals(0, Suggest.distance("", ""));
        assertEquals(3, Suggest.distance("abc", ""));
        assertEquals(3, Suggest.distance("", "abc"));
        assertEquals(1, Suggest.distance("papr", "paper"));
        assertEquals(1, Suggest.distance("ab", "ba"));
        assertEquals(2, Suggest.distance("ca", "abc"), "unrestricted: a transposed pair may be edited again");
        assertEquals(3, Suggest.distance("kitten", "sitting"));
        assertEquals(1, Suggest.distance("Paper", "paper"), "the distance itself is case-sensitive");
        assertEquals(Suggest.distance("clusters", "clustrs"), Suggest.distance("clustrs", "clusters"));
    }
}
