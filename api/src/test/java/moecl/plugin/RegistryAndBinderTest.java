package moecl.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import moecl.spec.SpecParser;

class RegistryAndBinderTest {

    private final Registry registry = Registry.standard();

    private Params bind(String spec) {
        var c = SpecParser.parseComponent(spec);
        return Binder.bind(registry.resolve(PluginKind.ROUTER, c.name()).descriptor(), c);
    }

    private String error(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> bind(spec)).getMessage();
    }

    @Test
    void brokenProvidersAreReportedAndTheOthersStillLoad() {
        assertEquals(List.of("fixed"), registry.list(PluginKind.ROUTER).stream().map(PluginDescriptor::name).toList());
        List<Registry.Failure> failures = registry.failures();
        assertEquals(2, failures.size(), failures.toString());
        assertTrue(failures.stream().anyMatch(f -> f.provider().contains("TestPlugins$Broken")
                && f.error().contains("broken on purpose")), failures.toString());
        assertTrue(failures.stream().anyMatch(f -> f.provider().contains("NoSuchClass")), failures.toString());
    }

    @Test
    void aliasesResolveToTheSamePlugin() {
        assertEquals(registry.resolve(PluginKind.ROUTER, "fixed"), registry.resolve(PluginKind.ROUTER, "constant"));
    }

    @Test
    void unknownPluginSuggestsTheClosestName() {
        var e = assertThrows(IllegalArgumentException.class, () -> registry.resolve(PluginKind.ROUTER, "fixd"));
        assertEquals("unknown router 'fixd'; did you mean 'fixed'? (routers: constant, fixed)", e.getMessage());
    }

    @Test
    void defaultsAreFilledInDeclarationOrder() {
        Params p = bind("fixed");
        assertEquals("eta=0.5, k=1, flag=false, label=x, weights=[], stop=never", p.toArgsText());
        Params q = bind("fixed(k=3, stop=after(rounds=7), weights=[1, 2.5], eta=2)");
        assertEquals(3L, q.integer("k"));
        assertEquals(2.0, q.real("eta"));
        assertEquals(List.of(1.0, 2.5), q.realList("weights"));
        assertEquals("after", q.choice("stop").variant());
        assertEquals(7L, q.choice("stop").params().integer("rounds"));
        assertEquals("eta=2.0, k=3, flag=false, label=x, weights=[1.0, 2.5], stop=after(rounds=7)", q.toArgsText());
    }

    @Test
    void unknownParameterListsTheValidOnes() {
        assertEquals("router 'fixed' has no parameter 'et'; did you mean 'eta'? "
                + "(parameters: eta, k, flag, label, weights, stop)", error("fixed(et=1)"));
    }

    @Test
    void outOfRangeNamesTheRange() {
        assertEquals("router 'fixed': eta=-1 is out of range; allowed: > 0 (column 11)", error("fixed(eta=-1)"));
        assertEquals("router 'fixed': k=9 is out of range; allowed: [1, 8] (column 9)", error("fixed(k=9)"));
    }

    @Test
    void wrongTypesAreNamed() {
        assertEquals("router 'fixed': k must be an integer, got 1.5 (column 9)", error("fixed(k=1.5)"));
        assertEquals("router 'fixed': eta must be a number, got string \"a\" (column 11)", error("fixed(eta=\"a\")"));
        assertEquals("router 'fixed': flag must be a boolean, got integer 1 (column 12)", error("fixed(flag=1)"));
    }

    @Test
    void unknownVariantSuggestsAndListsTheAllowedOnes() {
        assertEquals("router 'fixed': stop: unknown variant 'nevr'; did you mean 'never'? (allowed: never, after) "
                + "(column 12)", error("fixed(stop=nevr)"));
        assertEquals("router 'fixed': stop=after has no parameter 'round'; did you mean 'rounds'? "
                + "(parameters: rounds)", error("fixed(stop=after(round=3))"));
    }

    @Test
    void rangesDescribeThemselves() {
        assertEquals("> 0", Param.real("x", 1).positive().rangeText());
        assertEquals(">= 0", Param.real("x", 1).nonNegative().rangeText());
        assertEquals("[1, 8]", Param.integer("x", 1).range(1, 8).rangeText());
        assertEquals("[0, 1)", Param.real("x", 0).nonNegative().maxExclusive(1).rangeText());
        assertEquals("any number", Param.real("x", 0).rangeText());
    }

    @Test
    void kindsParseFromSingularPluralAndTasks() {
        assertEquals(PluginKind.GENERATOR, PluginKind.parse("tasks"));
        assertEquals(PluginKind.ROUTER, PluginKind.parse("routers"));
        var e = assertThrows(IllegalArgumentException.class, () -> PluginKind.parse("gates"));
        assertEquals("unknown plugin kind 'gates'; allowed: router, expert, generator", e.getMessage());
    }

    /** A router whose descriptor is {@code d}. */
    private static RouterFactory described(PluginDescriptor d) {
        return new RouterFactory() {
            @Override
            public PluginDescriptor descriptor() {
                return d;
            }

            @Override
            public moecl.router.Router create(Params params, BuildContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void descriptorsThatContradictThemselvesAreRefusedWhenRegistered() {
        Registry r = Registry.load(ClassLoader.getPlatformClassLoader()); // no plugins
        List<Object[]> cases = List.of(
                new Object[] {PluginDescriptor.of(PluginKind.ROUTER, "a", "default outside its range",
                        Param.real("eta", -1).positive()),
                    "plugin 'a': the default eta=-1.0 is outside its own range > 0"},
                new Object[] {PluginDescriptor.of(PluginKind.ROUTER, "b", "a name twice", Param.integer("k", 1),
                        Param.real("k", 2)), "plugin 'b' declares parameter 'k' twice"},
                new Object[] {PluginDescriptor.of(PluginKind.ROUTER, "d", "inside a variant",
                        Param.choice("stop", "after", Variant.of("after", "after a while",
                                Param.integer("rounds", 0).positive()))),
                    "plugin 'd', stop=after: the default rounds=0 is outside its own range > 0"});
        for (Object[] c : cases) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> r.register(PluginKind.ROUTER, described((PluginDescriptor) c[0])));
            assertEquals(c[1], e.getMessage());
        }
        assertEquals(List.of(), r.list(PluginKind.ROUTER));
    }

    @Test
    void aRegisteredFactoryIsAskedForItsDescriptorOnceAndUnregisteringForgetsIt() {
        Registry r = Registry.load(ClassLoader.getPlatformClassLoader());
        int[] asked = {0};
        RouterFactory f = new RouterFactory() {
            @Override
            public PluginDescriptor descriptor() {
                asked[0]++;
                return PluginDescriptor.of(PluginKind.ROUTER, "counted", "counts its calls", Param.real("eta", 1));
            }

            @Override
            public moecl.router.Router create(Params params, BuildContext context) {
                throw new UnsupportedOperationException();
            }
        };
        r.register(PluginKind.ROUTER, f);
        for (int i = 0; i < 100; i++) {
            assertEquals("counted", r.descriptor(f).name());
        }
        assertEquals("counted", r.list(PluginKind.ROUTER).get(0).name());
        assertEquals(1, asked[0]);
        assertTrue(r.unregister(PluginKind.ROUTER, "counted"));
        r.descriptor(f); // unknown again: asked
        assertEquals(2, asked[0]);
    }

    @Test
    void aComputedDefaultResolvedInOneBindingStaysOutOfTheDescriptorAndOtherBindings() {
        Registry r = Registry.load(ClassLoader.getPlatformClassLoader());
        RouterFactory f = described(PluginDescriptor.of(PluginKind.ROUTER, "stops", "a computed default inside",
                Param.choice("stop", "threshold", Variant.of("threshold", "after a while",
                        Param.integer("minRounds", 95).nonNegative().computedDefault("80 + 3M")))));
        r.register(PluginKind.ROUTER, f);
        Params first = Binder.bind(r.descriptor(f), SpecParser.parseComponent("stops"));
        Params copy = first.copy();
        assertEquals(83L, first.choice("stop").params().resolve("minRounds", 83L));
        Params second = Binder.bind(r.descriptor(f), SpecParser.parseComponent("stops"));
        assertEquals(140L, second.choice("stop").params().resolve("minRounds", 140L), "not M=1's 83");
        assertEquals(140L, copy.choice("stop").params().resolve("minRounds", 140L), "a copy is deep");
        assertEquals("stop=threshold", Binder.bind(r.descriptor(f), SpecParser.parseComponent("stops")).toArgsText());
    }

    @Test
    void typedHandlesReadWhatTheirDeclarationBinds() {
        Param eta = Param.real("eta", 0.5).positive();
        Param k = Param.integer("k", 3).min(1);
        Param on = Param.bool("on", false);
        Param stop = Param.choice("stop", "never", Variant.of("never", "no"), Variant.of("after", "after",
                Param.integer("rounds", 10).nonNegative()));
        Params p = Binder.bindParams("router 'x'", List.of(eta, k, on, stop),
                SpecParser.parseComponent("x(eta=0.25, on=true, stop=after(rounds=7))").args());
        assertEquals(0.25, p.real(eta));
        assertEquals(3, p.integer(k));
        assertEquals(3, p.int32(k));
        assertTrue(p.bool(on));
        assertEquals("after", p.choice(stop).variant());
        assertEquals(7, p.choice(stop).params().integer("rounds"));
        assertEquals(3.0, p.real(k), "an integer reads as a real");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.integer(eta));
        assertEquals("parameter 'eta' is declared as number, not read as integer", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.real(Param.real("nope", 1)));
    }
}
