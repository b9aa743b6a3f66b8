package org.ccs.db;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.ccs.db.SqlTokenizer.Kind;
import org.ccs.db.SqlTokenizer.Token;

/**
 * An interpreter of the subset of Informix SPL that the pure routines of informix/V8__gdpr.sql use
 * (DEFINE, LET, IF/ELIF/ELSE, FOR ... TO ... STEP, WHILE, EXIT, CONTINUE, RETURN, CALL, RAISE
 * EXCEPTION; expressions with || + - * /, comparisons, AND/OR/NOT, IN, LIKE, MATCHES, IS NULL, CASE,
 * CAST and the built-ins SUBSTR, CHAR_LENGTH, LOWER, UPPER, TRIM, REPLACE, MOD, BITAND, BITOR,
 * BITXOR, NVL, CHR). There is no Informix server here: this lets the tests run the SPL as written and
 * compare it with its PostgreSQL twin. Informix semantics followed where the routines depend on them:
 * NULL propagation, strings compared without trailing blanks, decimal division (32 digits), CHAR(n)
 * padded, a value longer than its VARCHAR/LVARCHAR or a fraction assigned to an integer is an error
 * here (the routines must never rely on truncation). SQL statements inside routines go to a handler.
 */
final class SplSubset {

    /** A RAISE EXCEPTION of a routine. */
    static final class SplException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;

        SplException(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** A routine written in Java (stands in for one that runs SQL). */
    interface Native {
        Object call(List<Object> args);
    }

    private record Routine(String name, List<String> params, List<String> paramTypes, List<Token> body) {
    }

    private final Map<String, Routine> routines = new HashMap<>();
    private final Map<String, Native> natives = new HashMap<>();
    private final Map<String, Object> globals = new HashMap<>();
    private final Map<String, String> globalTypes = new HashMap<>();
    /** SQL statements met in routines: (tokens, variables) -> sets variables as SELECT ... INTO would. */
    private BiConsumer<List<Token>, Map<String, Object>> sql = (t, v) -> {
        throw new IllegalStateException("SQL in a routine: " + text(t));
    };

    SplSubset(String script) {
        for (SqlTokenizer.Statement st : SqlTokenizer.statements(script, true)) {
            List<Token> t = st.tokens();
            if (t.size() > 3 && t.get(0).is("CREATE") && (t.get(1).is("FUNCTION") || t.get(1).is("PROCEDURE"))) {
                routine(t);
            }
        }
    }

    void sqlHandler(BiConsumer<List<Token>, Map<String, Object>> handler) {
        this.sql = handler;
    }

    void replace(String name, Native routine) {
        natives.put(name.toLowerCase(Locale.ROOT), routine);
    }

    /** Calls a routine; the value of its (first) RETURN, or null. */
    Object call(String name, Object... args) {
        List<Object> values = new ArrayList<>();
        for (Object a : args) {
            values.add(a instanceof Integer i ? BigDecimal.valueOf(i) : a instanceof Long l ? BigDecimal.valueOf(l) : a);
        }
        return invoke(name.toLowerCase(Locale.ROOT), values);
    }

    private void routine(List<Token> t) {
        String name = t.get(2).identifier();
        int i = 3;
        expect(t, i, "(");
        int close = SqlSchemaReader.matching(t, i);
        List<String> params = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (List<Token> p : SqlSchemaReader.splitTopLevel(t, i + 1, close)) {
            params.add(p.get(0).identifier());
            types.add(typeOf(p, 1));
        }
        i = close + 1;
        if (t.get(i).is("RETURNING")) {
            while (!t.get(i).isSymbol(";")) {
                i++;
            }
            i++;
        }
        // the body up to END FUNCTION|PROCEDURE
        routines.put(name, new Routine(name, params, types, t.subList(i, t.size() - 2)));
    }

    /** The type written from position i: a word, optionally (n). */
    private static String typeOf(List<Token> t, int i) {
        StringBuilder b = new StringBuilder(t.get(i).upper());
        if (b.toString().equals("DATETIME")) {
            return "DATETIME";
        }
        if (i + 3 < t.size() && t.get(i + 1).isSymbol("(")) {
            b.append('(').append(t.get(i + 2).text()).append(')');
        }
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------
    // execution
    // ------------------------------------------------------------------------------------------

    private static final class Frame {
        final Map<String, Object> vars = new HashMap<>();
        final Map<String, String> types = new HashMap<>();
        Object result;
        boolean returned;
        String exiting;     // FOR, WHILE, FOREACH: EXIT
        String continuing;  // FOR, WHILE: CONTINUE
    }

    private Object invoke(String name, List<Object> args) {
        Native n = natives.get(name);
        if (n != null) {
            return n.call(args);
        }
        Routine r = routines.get(name);
        if (r == null) {
            throw new IllegalStateException("no routine " + name);
        }
        Frame f = new Frame();
        for (int i = 0; i < r.params().size(); i++) {
            f.types.put(r.params().get(i), r.paramTypes().get(i));
            assign(f, r.params().get(i), i < args.size() ? args.get(i) : null);
        }
        block(r.body(), 0, r.body().size(), f);
        return f.result;
    }

    /** Runs statements from..to (exclusive) of tokens t. */
    private void block(List<Token> t, int from, int to, Frame f) {
        int i = from;
        while (i < to && !f.returned && f.exiting == null && f.continuing == null) {
            i = statement(t, i, to, f);
        }
    }

    /** Runs the statement at i; returns the index after it. */
    private int statement(List<Token> t, int i, int to, Frame f) {
        Token k = t.get(i);
        if (k.isSymbol(";")) {
            return i + 1;
        }
        if (k.is("DEFINE")) {
            int end = semicolon(t, i);
            boolean global = t.get(i + 1).is("GLOBAL");
            int j = global ? i + 2 : i + 1;
            List<String> names = new ArrayList<>();
            while (true) {
                names.add(t.get(j).identifier());
                if (t.get(j + 1).isSymbol(",")) {
                    j += 2;
                } else {
                    break;
                }
            }
            String type = typeOf(t, j + 1);
            for (String n : names) {
                if (global) {
                    globalTypes.put(n, type);
                    if (!globals.containsKey(n)) {
                        int d = indexOfWord(t, j, end, "DEFAULT");
                        globals.put(n, expr(new Cursor(t, d + 1, end), f));
                    }
                    f.types.put(n, "GLOBAL");
                } else {
                    f.types.put(n, type);
                    f.vars.put(n, null);
                }
            }
            return end + 1;
        }
        if (k.is("LET")) {
            int end = semicolon(t, i);
            String name = t.get(i + 1).identifier();
            expect(t, i + 2, "=");
            assign(f, name, expr(new Cursor(t, i + 3, end), f));
            return end + 1;
        }
        if (k.is("IF")) {
            return ifStatement(t, i, f);
        }
        if (k.is("FOR")) {
            String v = t.get(i + 1).identifier();
            expect(t, i + 2, "=");
            int toWord = indexOfWord(t, i + 3, t.size(), "TO");
            int bodyStart = lineEnd(t, toWord);
            int stepWord = indexOfWord(t, toWord, bodyStart, "STEP");
            BigDecimal from = num(expr(new Cursor(t, i + 3, toWord), f));
            BigDecimal upto = num(expr(new Cursor(t, toWord + 1, stepWord < 0 ? bodyStart : stepWord), f));
            BigDecimal step = stepWord < 0 ? BigDecimal.ONE : num(expr(new Cursor(t, stepWord + 1, bodyStart), f));
            int end = matchingEnd(t, bodyStart, "FOR");
            for (BigDecimal x = from; x.compareTo(upto) <= 0; x = x.add(step)) {
                assign(f, v, x);
                block(t, bodyStart, end, f);
                if ("FOR".equals(f.continuing)) {
                    f.continuing = null;
                }
                if (f.exiting != null || f.continuing != null) {
                    if ("FOR".equals(f.exiting)) {
                        f.exiting = null;
                    }
                    break;
                }
                if (f.returned) {
                    break;
                }
                x = num(var(f, v)); // the body may change the loop variable
            }
            return end + 3;
        }
        if (k.is("WHILE")) {
            int bodyStart = lineEndOfCondition(t, i + 1);
            int end = matchingEnd(t, bodyStart, "WHILE");
            while (truth(expr(new Cursor(t, i + 1, bodyStart), f))) {
                block(t, bodyStart, end, f);
                if ("WHILE".equals(f.continuing)) {
                    f.continuing = null;
                }
                if (f.exiting != null || f.continuing != null) {
                    if ("WHILE".equals(f.exiting)) {
                        f.exiting = null;
                    }
                    break;
                }
                if (f.returned) {
                    break;
                }
            }
            return end + 3;
        }
        if (k.is("EXIT")) {
            f.exiting = t.get(i + 1).upper();
            return semicolon(t, i) + 1;
        }
        if (k.is("CONTINUE")) {
            f.continuing = t.get(i + 1).upper();
            return semicolon(t, i) + 1;
        }
        if (k.is("RETURN")) {
            int end = semicolon(t, i);
            if (end > i + 1) {
                int stop = end;
                int with = indexOfWord(t, i + 1, end, "WITH");
                if (with > 0) {
                    stop = with;
                }
                List<List<Token>> parts = SqlSchemaReader.splitTopLevel(t, i + 1, stop);
                f.result = expr(new Cursor(parts.get(0), 0, parts.get(0).size()), f);
            }
            f.returned = true;
            return end + 1;
        }
        if (k.is("CALL")) {
            int end = semicolon(t, i);
            evalCall(new Cursor(t, i + 1, end), f);
            return end + 1;
        }
        if (k.is("RAISE")) {
            int end = semicolon(t, i);
            List<List<Token>> parts = SqlSchemaReader.splitTopLevel(t, i + 2, end);
            int code = num(expr(new Cursor(parts.get(0), 0, parts.get(0).size()), f)).intValue();
            Object message = parts.size() > 2 ? expr(new Cursor(parts.get(2), 0, parts.get(2).size()), f) : null;
            throw new SplException(code, message == null ? "" : message.toString());
        }
        if (k.is("SELECT") || k.is("INSERT") || k.is("UPDATE") || k.is("DELETE")) {
            int end = semicolon(t, i);
            Map<String, Object> view = new HashMap<>(f.vars);
            sql.accept(t.subList(i, end), view);
            view.forEach((n, v) -> {
                if (f.types.containsKey(n)) {
                    assign(f, n, v);
                }
            });
            return end + 1;
        }
        throw new IllegalStateException("statement not in the subset: " + text(t.subList(i, Math.min(to, i + 8))));
    }

    private int ifStatement(List<Token> t, int i, Frame f) {
        // IF cond THEN ... {ELIF cond THEN ...} [ELSE ...] END IF ;
        int end = matchingEnd(t, i + 1, "IF");
        int pos = i;
        boolean done = false;
        while (pos < end) {
            if (t.get(pos).is("IF") || t.get(pos).is("ELIF")) {
                int then = indexOfWordAtDepth(t, pos + 1, end, "THEN");
                int next = nextBranch(t, then + 1, end);
                if (!done && truth(expr(new Cursor(t, pos + 1, then), f))) {
                    block(t, then + 1, next, f);
                    done = true;
                }
                pos = next;
            } else if (t.get(pos).is("ELSE")) {
                if (!done) {
                    block(t, pos + 1, end, f);
                }
                pos = end;
            } else {
                pos++;
            }
        }
        return end + 3;
    }

    /** From a THEN or ELSE body: the next ELIF/ELSE of the same IF, or the END. */
    private static int nextBranch(List<Token> t, int from, int end) {
        int depth = 0;
        for (int i = from; i < end; i++) {
            if (opensBlock(t, i)) {
                depth++;
            } else if (t.get(i).is("END") && i + 1 < t.size() && isBlockWord(t.get(i + 1))) {
                depth--;
            } else if (depth == 0 && (t.get(i).is("ELIF") || t.get(i).is("ELSE")) && !insideCase(t, from, i)) {
                return i;
            }
        }
        return end;
    }

    private static boolean insideCase(List<Token> t, int from, int at) {
        int open = 0;
        for (int i = from; i < at; i++) {
            if (t.get(i).is("CASE")) {
                open++;
            } else if (t.get(i).is("END") && open > 0 && !(i + 1 < t.size() && isBlockWord(t.get(i + 1)))) {
                open--;
            }
        }
        return open > 0;
    }

    /** IF, FOR, WHILE or FOREACH that begins a block (not after END, EXIT or CONTINUE; not FOREACH c FOR). */
    private static boolean opensBlock(List<Token> t, int i) {
        Token k = t.get(i);
        if (!(k.is("IF") || k.is("FOR") || k.is("WHILE") || k.is("FOREACH"))) {
            return false;
        }
        if (i > 0 && (t.get(i - 1).is("END") || t.get(i - 1).is("EXIT") || t.get(i - 1).is("CONTINUE"))) {
            return false;
        }
        return !(k.is("FOR") && i > 1 && t.get(i - 2).is("FOREACH"));
    }

    private static boolean isBlockWord(Token k) {
        return k.is("IF") || k.is("FOR") || k.is("WHILE") || k.is("FOREACH") || k.is("EXCEPTION");
    }

    /** The END of the block (IF/FOR/WHILE) whose body starts at from. */
    private static int matchingEnd(List<Token> t, int from, String word) {
        int depth = 0;
        for (int i = from; i < t.size(); i++) {
            if (opensBlock(t, i)) {
                depth++;
            } else if (t.get(i).is("END") && i + 1 < t.size() && isBlockWord(t.get(i + 1))) {
                if (depth == 0) {
                    if (!t.get(i + 1).is(word)) {
                        throw new IllegalStateException("END " + t.get(i + 1).text() + " closes a " + word);
                    }
                    return i;
                }
                depth--;
            }
        }
        throw new IllegalStateException("no END " + word);
    }

    /** The body of FOR starts after the bound expression(s): the first token that begins a statement. */
    private static int lineEnd(List<Token> t, int from) {
        for (int i = from + 1; i < t.size(); i++) {
            if (isStatementStart(t.get(i)) && !t.get(i).is("STEP")) {
                return i;
            }
        }
        throw new IllegalStateException("no loop body");
    }

    private static int lineEndOfCondition(List<Token> t, int from) {
        int depth = 0;
        for (int i = from; i < t.size(); i++) {
            if (t.get(i).isSymbol("(")) {
                depth++;
            } else if (t.get(i).isSymbol(")")) {
                depth--;
            } else if (depth == 0 && isStatementStart(t.get(i)) && !(t.get(i - 1).is("NOT") || t.get(i - 1).is("IS"))) {
                return i;
            }
        }
        throw new IllegalStateException("no loop body");
    }

    private static boolean isStatementStart(Token k) {
        return k.is("LET") || k.is("IF") || k.is("FOR") || k.is("WHILE") || k.is("CALL") || k.is("RETURN") || k.is("EXIT")
                || k.is("CONTINUE") || k.is("RAISE") || k.is("SELECT") || k.is("INSERT") || k.is("STEP");
    }

    private static int semicolon(List<Token> t, int from) {
        int depth = 0;
        for (int i = from; i < t.size(); i++) {
            if (t.get(i).isSymbol("(")) {
                depth++;
            } else if (t.get(i).isSymbol(")")) {
                depth--;
            } else if (depth == 0 && t.get(i).isSymbol(";")) {
                return i;
            }
        }
        return t.size();
    }

    private static int indexOfWord(List<Token> t, int from, int to, String word) {
        for (int i = from; i < to; i++) {
            if (t.get(i).is(word)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfWordAtDepth(List<Token> t, int from, int to, String word) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            if (t.get(i).isSymbol("(")) {
                depth++;
            } else if (t.get(i).isSymbol(")")) {
                depth--;
            } else if (depth == 0 && t.get(i).is(word)) {
                return i;
            }
        }
        throw new IllegalStateException("no " + word);
    }

    private Object var(Frame f, String name) {
        if ("GLOBAL".equals(f.types.get(name))) {
            return globals.get(name);
        }
        if (!f.types.containsKey(name)) {
            throw new IllegalStateException("undefined variable " + name);
        }
        return f.vars.get(name);
    }

    private void assign(Frame f, String name, Object value) {
        String type = f.types.get(name);
        if (type == null) {
            throw new IllegalStateException("assignment to undefined " + name);
        }
        if (type.equals("GLOBAL")) {
            globals.put(name, convert(globalTypes.get(name), value, name));
        } else {
            f.vars.put(name, convert(type, value, name));
        }
    }

    private static Object convert(String type, Object value, String name) {
        if (value == null) {
            return null;
        }
        if (type.startsWith("INTEGER") || type.startsWith("BIGINT") || type.startsWith("INT8") || type.startsWith("SMALLINT")) {
            BigDecimal n = num(value);
            if (n.stripTrailingZeros().scale() > 0) {
                throw new IllegalStateException(name + ": fraction assigned to an integer: " + n);
            }
            return n.setScale(0);
        }
        if (type.startsWith("BOOLEAN")) {
            return value;
        }
        String s = value instanceof BigDecimal n ? n.toPlainString() : value.toString();
        int open = type.indexOf('(');
        if (open > 0) {
            int length = Integer.parseInt(type.substring(open + 1, type.length() - 1));
            if (s.length() > length) {
                throw new IllegalStateException(name + ": " + s.length() + " characters for " + type);
            }
            if (type.startsWith("CHAR(")) {
                s = s + " ".repeat(length - s.length());
            }
        }
        return s;
    }

    // ------------------------------------------------------------------------------------------
    // expressions
    // ------------------------------------------------------------------------------------------

    private static final class Cursor {
        final List<Token> t;
        int pos;
        final int end;

        Cursor(List<Token> t, int pos, int end) {
            this.t = t;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        Token peek() {
            return pos < end ? t.get(pos) : null;
        }

        boolean word(String w) {
            if (pos < end && t.get(pos).is(w)) {
                pos++;
                return true;
            }
            return false;
        }

        boolean symbol(String s) {
            if (pos < end && t.get(pos).isSymbol(s)) {
                pos++;
                return true;
            }
            return false;
        }
    }

    private Object expr(Cursor c, Frame f) {
        Object v = or(c, f);
        if (c.more()) {
            throw new IllegalStateException("unexpected " + c.peek().text() + " in " + text(c.t.subList(0, c.end)));
        }
        return v;
    }

    private Object or(Cursor c, Frame f) {
        Object v = and(c, f);
        while (c.word("OR")) {
            Object w = and(c, f);
            v = Boolean.TRUE.equals(v) || Boolean.TRUE.equals(w) ? Boolean.TRUE
                    : v == null || w == null ? null : Boolean.FALSE;
        }
        return v;
    }

    private Object and(Cursor c, Frame f) {
        Object v = not(c, f);
        while (c.word("AND")) {
            Object w = not(c, f);
            v = Boolean.FALSE.equals(v) || Boolean.FALSE.equals(w) ? Boolean.FALSE
                    : v == null || w == null ? null : Boolean.TRUE;
        }
        return v;
    }

    private Object not(Cursor c, Frame f) {
        if (c.word("NOT")) {
            Object v = not(c, f);
            return v == null ? null : !(Boolean) v;
        }
        return comparison(c, f);
    }

    private Object comparison(Cursor c, Frame f) {
        Object a = concat(c, f);
        Token k = c.peek();
        if (k == null) {
            return a;
        }
        if (c.word("IS")) {
            boolean negate = c.word("NOT");
            c.word("NULL");
            return negate != (a == null);
        }
        boolean negate = false;
        if (k.is("NOT")) {
            c.pos++;
            negate = true;
        }
        if (c.word("IN")) {
            c.symbol("(");
            boolean found = false;
            boolean sawNull = false;
            do {
                Object v = concat(c, f);
                if (v == null || a == null) {
                    sawNull = true;
                } else if (compare(a, v) == 0) {
                    found = true;
                }
            } while (c.symbol(","));
            c.symbol(")");
            if (a == null) {
                return null;
            }
            return found ? !negate : sawNull ? null : negate;
        }
        if (c.word("LIKE") || c.word("MATCHES")) {
            boolean like = c.t.get(c.pos - 1).is("LIKE");
            Object p = concat(c, f);
            if (a == null || p == null) {
                return null;
            }
            return negate != pattern(p.toString(), like).matcher(a.toString()).matches();
        }
        for (String op : new String[] {"=", "<>", "!=", "<=", ">=", "<", ">"}) {
            if (c.symbol(op)) {
                Object b = concat(c, f);
                if (a == null || b == null) {
                    return null;
                }
                int r = compare(a, b);
                return switch (op) {
                    case "=" -> r == 0;
                    case "<>", "!=" -> r != 0;
                    case "<=" -> r <= 0;
                    case ">=" -> r >= 0;
                    case "<" -> r < 0;
                    default -> r > 0;
                };
            }
        }
        return a;
    }

    private Object concat(Cursor c, Frame f) {
        Object v = additive(c, f);
        while (c.symbol("||")) {
            Object w = additive(c, f);
            v = v == null || w == null ? null : str(v) + str(w);
        }
        return v;
    }

    private Object additive(Cursor c, Frame f) {
        Object v = multiplicative(c, f);
        while (true) {
            if (c.symbol("+")) {
                Object w = multiplicative(c, f);
                v = v == null || w == null ? null : num(v).add(num(w));
            } else if (c.symbol("-")) {
                Object w = multiplicative(c, f);
                v = v == null || w == null ? null : num(v).subtract(num(w));
            } else {
                return v;
            }
        }
    }

    private Object multiplicative(Cursor c, Frame f) {
        Object v = unary(c, f);
        while (true) {
            if (c.symbol("*")) {
                Object w = unary(c, f);
                v = v == null || w == null ? null : num(v).multiply(num(w));
            } else if (c.symbol("/")) {
                Object w = unary(c, f);
                v = v == null || w == null ? null : num(v).divide(num(w), new MathContext(32, RoundingMode.HALF_UP));
            } else {
                return v;
            }
        }
    }

    private Object unary(Cursor c, Frame f) {
        if (c.symbol("-")) {
            Object v = unary(c, f);
            return v == null ? null : num(v).negate();
        }
        return primary(c, f);
    }

    private Object primary(Cursor c, Frame f) {
        Token k = c.peek();
        if (k == null) {
            throw new IllegalStateException("expression ends early");
        }
        if (k.isSymbol("(")) {
            c.pos++;
            Object v = or(c, f);
            c.symbol(")");
            return v;
        }
        if (k.kind() == Kind.STRING) {
            c.pos++;
            return k.text();
        }
        if (k.kind() == Kind.NUMBER) {
            c.pos++;
            return new BigDecimal(k.text());
        }
        if (k.is("NULL")) {
            c.pos++;
            return null;
        }
        if (k.is("CASE")) {
            return caseExpr(c, f);
        }
        if (k.is("CAST")) {
            c.pos += 2; // CAST (
            Object v = or(c, f);
            c.word("AS");
            int close = c.pos;
            while (!c.t.get(close).isSymbol(")") || c.t.get(close - 1).kind() == Kind.NUMBER && c.t.get(close - 2).isSymbol("(")) {
                close++;
            }
            c.pos = close + 1;
            return v == null ? null : str(v);
        }
        if (k.kind() == Kind.WORD && c.pos + 1 < c.end && c.t.get(c.pos + 1).isSymbol("(")) {
            return evalCall(c, f);
        }
        if (k.kind() == Kind.WORD) {
            c.pos++;
            return var(f, k.identifier());
        }
        throw new IllegalStateException("not in the subset: " + k.text());
    }

    private Object caseExpr(Cursor c, Frame f) {
        c.word("CASE");
        Object subject = null;
        boolean simple = !c.peek().is("WHEN");
        if (simple) {
            subject = concat(c, f);
        }
        Object result = null;
        boolean matched = false;
        while (c.word("WHEN")) {
            Object cond = simple ? concat(c, f) : or(c, f);
            c.word("THEN");
            Object value = concat(c, f);
            if (!matched && (simple ? subject != null && cond != null && compare(subject, cond) == 0 : Boolean.TRUE.equals(cond))) {
                result = value;
                matched = true;
            }
        }
        if (c.word("ELSE")) {
            Object value = concat(c, f);
            if (!matched) {
                result = value;
            }
        }
        c.word("END");
        return result;
    }

    private Object evalCall(Cursor c, Frame f) {
        String name = c.t.get(c.pos).identifier();
        int open = c.pos + 1;
        int close = SqlSchemaReader.matching(c.t, open);
        List<Object> args = new ArrayList<>();
        for (List<Token> part : SqlSchemaReader.splitTopLevel(c.t, open + 1, close)) {
            args.add(expr(new Cursor(part, 0, part.size()), f));
        }
        c.pos = close + 1;
        return builtIn(name, args);
    }

    private Object builtIn(String name, List<Object> a) {
        Function<Integer, Object> arg = a::get;
        switch (name) {
            case "substr", "substring" -> {
                if (a.get(0) == null) {
                    return null;
                }
                String s = str(a.get(0));
                int start = num(a.get(1)).intValue();
                int length = a.size() > 2 ? num(a.get(2)).intValue() : Integer.MAX_VALUE;
                int from = Math.max(start, 1) - 1;
                if (from >= s.length() || length <= 0) {
                    return "";
                }
                return s.substring(from, (int) Math.min((long) from + length, s.length()));
            }
            case "char_length", "character_length" -> {
                return arg.apply(0) == null ? null : BigDecimal.valueOf(str(a.get(0)).length());
            }
            case "lower" -> {
                return a.get(0) == null ? null : str(a.get(0)).toLowerCase(Locale.ROOT);
            }
            case "upper" -> {
                return a.get(0) == null ? null : str(a.get(0)).toUpperCase(Locale.ROOT);
            }
            case "trim" -> {
                return a.get(0) == null ? null : str(a.get(0)).replaceAll("^ +| +$", "");
            }
            case "replace" -> {
                if (a.get(0) == null) {
                    return null;
                }
                String with = a.size() > 2 && a.get(2) != null ? str(a.get(2)) : "";
                return str(a.get(0)).replace(str(a.get(1)), with);
            }
            case "mod" -> {
                return a.get(0) == null || a.get(1) == null ? null : num(a.get(0)).remainder(num(a.get(1)));
            }
            case "bitand" -> {
                return bits(a, (x, y) -> x & y);
            }
            case "bitor" -> {
                return bits(a, (x, y) -> x | y);
            }
            case "bitxor" -> {
                return bits(a, (x, y) -> x ^ y);
            }
            case "nvl" -> {
                return a.get(0) != null ? a.get(0) : a.get(1);
            }
            case "chr" -> {
                return a.get(0) == null ? null : Character.toString((char) num(a.get(0)).intValue());
            }
            default -> {
                return invoke(name, a);
            }
        }
    }

    private static Object bits(List<Object> a, java.util.function.LongBinaryOperator op) {
        if (a.get(0) == null || a.get(1) == null) {
            return null;
        }
        return BigDecimal.valueOf(op.applyAsLong(num(a.get(0)).longValueExact(), num(a.get(1)).longValueExact()));
    }

    private static Pattern pattern(String p, boolean like) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char ch = p.charAt(i);
            if (like && ch == '%' || !like && ch == '*') {
                re.append(".*");
            } else if (like && ch == '_' || !like && ch == '?') {
                re.append('.');
            } else if (!like && ch == '[') {
                int close = p.indexOf(']', i);
                re.append(p, i, close + 1);
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private static int compare(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean || b instanceof Boolean) {
            return String.valueOf(a).equals(String.valueOf(b)) ? 0 : 1;
        }
        // Informix compares character values without their trailing blanks
        return str(a).replaceAll(" +$", "").compareTo(str(b).replaceAll(" +$", ""));
    }

    private static boolean truth(Object v) {
        return Boolean.TRUE.equals(v);
    }

    private static BigDecimal num(Object v) {
        if (v instanceof BigDecimal n) {
            return n;
        }
        return new BigDecimal(v.toString().strip());
    }

    private static String str(Object v) {
        return v instanceof BigDecimal n ? n.stripTrailingZeros().toPlainString() : v.toString();
    }

    private static void expect(List<Token> t, int i, String symbol) {
        if (!t.get(i).isSymbol(symbol)) {
            throw new IllegalStateException("expected " + symbol + " at " + t.get(i).text() + " line " + t.get(i).line());
        }
    }

    static String text(List<Token> t) {
        StringBuilder b = new StringBuilder();
        for (Token k : t) {
            b.append(k.kind() == Kind.STRING ? "'" + k.text() + "'" : k.text()).append(' ');
        }
        return b.toString().strip();
    }
}
