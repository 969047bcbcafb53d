package moecl.shell.repl;

import java.util.ArrayList;
import java.util.List;

/** What follows a metric in {@code plot} and the run ids in {@code compare}: options and run ids. */
record LineOptions(boolean band, boolean seeds, String metric, List<String> ids) {
    static LineOptions parse(List<String> args, boolean metricOption) {
        boolean band = false;
        boolean seeds = false;
        String metric = null;
        List<String> ids = new ArrayList<>();
        for (String a : args) {
            switch (a) {
                case "band", "--band" -> band = true;
                case "seeds", "--seeds" -> seeds = true;
                default -> {
                    if (metricOption && a.startsWith("metric=")) {
                        metric = a.substring("metric=".length());
                    } else if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option '" + a + "' (options: band, seeds"
                                + (metricOption ? ", metric=NAME" : "") + ")");
                    } else {
                        ids.add(a);
                    }
                }
            }
        }
        return new LineOptions(band, seeds, metric, ids);
    }
}
