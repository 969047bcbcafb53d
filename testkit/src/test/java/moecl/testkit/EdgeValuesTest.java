package moecl.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import moecl.plugin.Param;
import moecl.plugin.Params;
import moecl.plugin.Variant;

/** Which values {@link Rule#EDGE_VALUES} builds a plugin with. */
class EdgeValuesTest {

    @Test
    void theFiniteEndsOfARangeJustInsideWhenOpen() {
        assertEquals(List.of(0.0, 1.0), EdgeValues.ends(Param.real("a", 0.5).range(0, 1)));
        assertEquals(List.of(1e-6), EdgeValues.ends(Param.real("a", 0.5).positive()));
        assertEquals(List.of(0.0, 999.999), EdgeValues.ends(Param.real("a", 1).nonNegative().maxExclusive(1000)));
        assertEquals(List.of(1L), EdgeValues.ends(Param.integer("k", 3).positive()));
        assertEquals(List.of(2L, 9L), EdgeValues.ends(Param.integer("k", 3).min(1.5).maxExclusive(10)));
        assertEquals(List.of(), EdgeValues.ends(Param.real("a", 0)));
    }

    @Test
    void oneChangeAtATimeBooleansFlippedVariantsAndTheirOwnParameters() {
        List<Param> declared = List.of(Param.integer("k", 1).range(1, 4).doc("k"),
                Param.bool("flag", false).doc("flag"), Param.string("name", "x").doc("name"),
                Param.realList("xs", List.of(0.5)).range(0, 1).doc("xs"),
                Param.choice("stop", "never", Variant.of("never", "never"),
                        Variant.of("after", "after", Param.integer("rounds", 10).nonNegative().doc("rounds"))));
        List<EdgeValues.Edge> edges = EdgeValues.of(declared, Params.defaults(declared));
        assertEquals(List.of("k=4", "flag=true", "xs=[0.0]", "xs=[1.0]", "stop=after", "stop=after(rounds=0)"),
                edges.stream().map(EdgeValues.Edge::label).toList());
        EdgeValues.Edge rounds = edges.get(5);
        assertEquals("k=1, flag=false, name=x, xs=[0.5], stop=after(rounds=0)", rounds.params().toArgsText());
        assertEquals("k=4, flag=false, name=x, xs=[0.5], stop=never", edges.get(0).params().toArgsText());
    }
}
