package org.ccs.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Splits SQL text (PostgreSQL, Informix, or Hibernate's generated DDL) into tokens and statements.
 * Not a SQL parser: just enough lexical structure for {@link SqlSchemaReader} and {@link InformixLint}.
 *
 * <p>Comments ({@code --} and {@code /* *}{@code /}) are dropped. String literals, double-quoted
 * identifiers and PostgreSQL dollar-quoted bodies ({@code $$ ... $$}, {@code $tag$ ... $tag$}) are
 * single tokens. Statements end at {@code ;}, except that, when asked, an Informix SPL routine (from
 * {@code CREATE [DBA] PROCEDURE|FUNCTION} to {@code END PROCEDURE|FUNCTION}) is one statement, as
 * Flyway's Informix parser and dbaccess treat it.
 */
public final class SqlTokenizer {

    /** What a token is. */
    public enum Kind {
        /** a keyword or unquoted identifier */
        WORD,
        /** a double-quoted identifier (a string in Informix without DELIMIDENT); text without quotes */
        QUOTED,
        /** a single-quoted string literal; text without quotes, doubled quotes undone */
        STRING,
        /** a number literal */
        NUMBER,
        /** a PostgreSQL dollar-quoted string; text is the whole token with its delimiters */
        DOLLAR_QUOTED,
        /** punctuation: one character, or {@code ::}, {@code ||}, {@code <=}, {@code >=}, {@code <>}, {@code !=} */
        SYMBOL
    }

    /** One token; {@code line} is 1-based in the text it came from. */
    public record Token(Kind kind, String text, int line) {
        public Token {
            Objects.requireNonNull(kind, "kind is required");
            Objects.requireNonNull(text, "text is required");
        }

        /** True for a WORD equal to {@code word}, ignoring case. */
        public boolean is(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        /** True for the SYMBOL {@code symbol}. */
        public boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        /** The text upper-cased (for WORDs), as written otherwise. */
        public String upper() {
            return kind == Kind.WORD ? text.toUpperCase(Locale.ROOT) : text;
        }

        /** An identifier's name as the database folds it: lower case, quotes removed. */
        public String identifier() {
            return kind == Kind.QUOTED ? text : text.toLowerCase(Locale.ROOT);
        }
    }

    /** One statement: its tokens without the closing {@code ;}, and the line it starts on. */
    public record Statement(List<Token> tokens, int line) {
        public Statement {
            tokens = List.copyOf(tokens);
        }

        /** True if the statement starts with these words (ignoring case). */
        public boolean startsWith(String... words) {
            if (tokens.size() < words.length) {
                return false;
            }
            for (int i = 0; i < words.length; i++) {
                if (!tokens.get(i).is(words[i])) {
                    return false;
                }
            }
            return true;
        }

        /** The statement text, tokens separated by single spaces (strings re-quoted). */
        public String text() {
            StringBuilder sb = new StringBuilder();
            for (Token t : tokens) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                switch (t.kind()) {
                    case STRING -> sb.append('\'').append(t.text().replace("'", "''")).append('\'');
                    case QUOTED -> sb.append('"').append(t.text()).append('"');
                    default -> sb.append(t.text());
                }
            }
            return sb.toString();
        }
    }

    /** A lexical error (an unterminated string or comment). */
    public static final class SqlSyntaxException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        SqlSyntaxException(String message, int line) {
            super(message + " (line " + line + ")");
        }
    }

    private final String sql;
    private int pos;
    private int line = 1;

    private SqlTokenizer(String sql) {
        this.sql = Objects.requireNonNull(sql, "SQL text is required");
    }

    /** The tokens of {@code sql}, comments dropped. */
    public static List<Token> tokens(String sql) {
        return new SqlTokenizer(sql).all();
    }

    /**
     * The statements of {@code sql}; empty statements (a lone {@code ;}) are skipped. With
     * {@code splRoutines} (Informix), {@code CREATE [DBA] PROCEDURE|FUNCTION ... END PROCEDURE|FUNCTION}
     * is one statement whatever semicolons it holds; PostgreSQL routine bodies are dollar-quoted
     * tokens and need no such rule.
     */
    public static List<Statement> statements(String sql, boolean splRoutines) {
        List<Token> tokens = tokens(sql);
        List<Statement> result = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int routineDepth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (current.isEmpty() && t.isSymbol(";")) {
                continue;
            }
            current.add(t);
            if (splRoutines && isRoutineStart(current)) {
                routineDepth++;
            } else if (routineDepth > 0 && t.is("END") && i + 1 < tokens.size()
                    && (tokens.get(i + 1).is("PROCEDURE") || tokens.get(i + 1).is("FUNCTION"))) {
                current.add(tokens.get(++i));
                routineDepth--;
            } else if (t.isSymbol(";") && routineDepth == 0) {
                current.remove(current.size() - 1);
                result.add(new Statement(current, current.get(0).line()));
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            result.add(new Statement(current, current.get(0).line()));
        }
        return result;
    }

    /** CREATE [DBA] PROCEDURE|FUNCTION at the start of the statement, just completed by its last token. */
    private static boolean isRoutineStart(List<Token> current) {
        int n = current.size();
        if (n < 2 || !(current.get(n - 1).is("PROCEDURE") || current.get(n - 1).is("FUNCTION"))) {
            return false;
        }
        if (n == 2) {
            return current.get(0).is("CREATE");
        }
        return n == 3 && current.get(0).is("CREATE") && current.get(1).is("DBA");
    }

    private List<Token> all() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= sql.length()) {
                return out;
            }
            out.add(next());
        }
    }

    private void skipSpaceAndComments() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                while (pos < sql.length() && sql.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '/' && peek(1) == '*') {
                int start = line;
                int end = sql.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw new SqlSyntaxException("unterminated /* comment", start);
                }
                countLines(pos, end + 2);
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    private Token next() {
        char c = sql.charAt(pos);
        int startLine = line;
        if (c == '\'') {
            return new Token(Kind.STRING, quoted('\''), startLine);
        }
        if (c == '"') {
            return new Token(Kind.QUOTED, quoted('"'), startLine);
        }
        if (c == '$') {
            int tagEnd = pos + 1;
            while (tagEnd < sql.length() && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
                tagEnd++;
            }
            if (tagEnd < sql.length() && sql.charAt(tagEnd) == '$') {
                String tag = sql.substring(pos, tagEnd + 1);
                int close = sql.indexOf(tag, tagEnd + 1);
                if (close < 0) {
                    throw new SqlSyntaxException("unterminated dollar-quoted string " + tag, startLine);
                }
                String text = sql.substring(pos, close + tag.length());
                countLines(pos, close + tag.length());
                pos = close + tag.length();
                return new Token(Kind.DOLLAR_QUOTED, text, startLine);
            }
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_'
                    || sql.charAt(pos) == '$')) {
                pos++;
            }
            return new Token(Kind.WORD, sql.substring(start, pos), startLine);
        }
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
            int start = pos;
            while (pos < sql.length() && (Character.isDigit(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
                pos++;
            }
            return new Token(Kind.NUMBER, sql.substring(start, pos), startLine);
        }
        String two = pos + 1 < sql.length() ? sql.substring(pos, pos + 2) : "";
        if (two.equals("::") || two.equals("||") || two.equals("<=") || two.equals(">=") || two.equals("<>")
                || two.equals("!=")) {
            pos += 2;
            return new Token(Kind.SYMBOL, two, startLine);
        }
        pos++;
        return new Token(Kind.SYMBOL, String.valueOf(c), startLine);
    }

    private String quoted(char quote) {
        int startLine = line;
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= sql.length()) {
                throw new SqlSyntaxException("unterminated " + (quote == '\'' ? "string" : "quoted identifier"), startLine);
            }
            char c = sql.charAt(pos++);
            if (c == quote) {
                if (pos < sql.length() && sql.charAt(pos) == quote) {
                    sb.append(quote);
                    pos++;
                    continue;
                }
                return sb.toString();
            }
            if (c == '\n') {
                line++;
            }
            sb.append(c);
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < sql.length() ? sql.charAt(i) : '\0';
    }

    private void countLines(int from, int to) {
        for (int i = from; i < to; i++) {
            if (sql.charAt(i) == '\n') {
                line++;
            }
        }
    }
}
