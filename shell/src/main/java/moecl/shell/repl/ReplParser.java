package moecl.shell.repl;

import java.util.ArrayList;
import java.util.List;

import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

import moecl.spec.Words;

/**
 * Tells JLine what the words of a REPL line are, the same way the REPL runs them ({@link Words}): the statement
 * under the cursor, split at white space outside quotes and brackets. Words are given as typed (quotes kept), so
 * a completion replaces exactly the characters of the word under the cursor.
 */
final class ReplParser implements Parser {

    record Line(String line, int cursor, List<String> words, int wordIndex, int wordCursor)
            implements CompletingParsedLine {
        @Override
        public String word() {
            return words.get(wordIndex);
        }

        /** Candidates are inserted as they are: the REPL has no escape character. */
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor;
        }

        @Override
        public int rawWordLength() {
            return word().length();
        }
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && ScriptLines.incomplete(line)) {
            // a :js/:py block goes on: JLine reads the next line under the secondary prompt
            throw new EOFError(-1, -1, "the block goes on until an empty line", "");
        }
        return parse(line, cursor);
    }

    @Override
    public ParsedLine parse(String line, int cursor) {
        int start = Words.statementStart(line, cursor);
        String statement = line.substring(start);
        statement = statement.substring(0, Words.statementEnd(statement));
        List<Words.Word> words = Words.words(statement, start);
        List<String> texts = new ArrayList<>();
        int index = -1;
        int wordCursor = 0;
        for (Words.Word w : words) {
            if (index < 0 && cursor < w.start()) {
                // the cursor is in the white space before this word: an empty word there
                index = texts.size();
                texts.add("");
            }
            if (index < 0 && cursor >= w.start() && cursor <= w.end()) {
                index = texts.size();
                wordCursor = cursor - w.start();
            }
            texts.add(w.raw());
        }
        if (index < 0) {
            index = texts.size();
            texts.add("");
        }
        return new Line(line, cursor, List.copyOf(texts), index, wordCursor);
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }
}
