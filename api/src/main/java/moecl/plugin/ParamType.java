package moecl.plugin;

/** The value types a plugin parameter can take. */
@moecl.spi.Stable
public enum ParamType {
    INT("integer"),
    REAL("number"),
    BOOLEAN("boolean"),
    STRING("string"),
    /** One of a fixed set of named variants, each with its own parameters: {@code stop=threshold(gamma=0.3)}. */
    CHOICE("choice"),
    INT_LIST("list of integers"),
    REAL_LIST("list of numbers");

    private final String label;

    ParamType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
