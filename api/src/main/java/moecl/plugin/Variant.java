package moecl.plugin;

import java.util.List;
import java.util.Optional;

/**
 * One named alternative of a {@link ParamType#CHOICE} parameter, with parameters of its own. The paper router's
 * stop rules are variants: {@code never}, {@code after(rounds)}, {@code threshold(gamma, minRounds, ...)}.
 */
@moecl.spi.Stable
public record Variant(String name, String summary, List<Param> params) {

    public Variant {
        params = List.copyOf(params);
    }

    public static Variant of(String name, String summary, Param... params) {
        return new Variant(name, summary, List.of(params));
    }

    public Optional<Param> param(String paramName) {
        return params.stream().filter(p -> p.name().equals(paramName)).findFirst();
    }
}
