package moecl.shell.repl;

import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import moecl.spec.Words;

/**
 * Tab completion for the REPL: command names first, then whatever the command's {@link ReplCommand.Completion}
 * offers for the argument under the cursor (keys, plugins, parameters, variants, run ids, files).
 */
final class ReplCompleter implements Completer {

    private final Repl repl;

    ReplCompleter(Repl repl) {
        this.repl = repl;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        try {
            completeOrThrow(line, candidates);
        } catch (RuntimeException e) {
            // completion must never break the line being edited
        }
    }

    private void completeOrThrow(ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0) {
            for (ReplCommand c : repl.commands().all()) {
                candidates.add(Completions.candidate(c.name(), c.name(), c.summary(), true));
            }
            return;
        }
        String name = Words.args(line.words().get(0)).stream().findFirst().orElse("");
        var cmd = repl.commands().find(name);
        if (cmd.isEmpty()) {
            return;
        }
        List<String> before = line.words().subList(1, line.wordIndex()).stream()
                .map(w -> new Words.Word(w, 0, w.length()).text()).toList();
        String prefix = line.word().substring(0, line.wordCursor());
        cmd.get().completion().complete(repl, new Completions.Position(line.wordIndex() - 1, prefix), before,
                candidates);
    }
}
