package org.ccs.csta.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A call scenario for the {@link PbxSimulator}: a plain text file, one step per line.
 * <pre>
 * # comment; blank lines are ignored
 * delay 200ms                      (also 2s, 1.5s)
 * event Delivered call=C1 device=4000 alerting=4000 calling="N&lt;$caller&gt;" called=4000 cause=enteringDistribution
 * </pre>
 * Each {@code event} line names the event (Delivered, Queued, ...) and its fields as {@code key=value}
 * ({@code key="value with spaces"} when needed); {@link ScenarioEvents} lists the keys of each event.
 * Call names ({@code call}, {@code secondary}, {@code newCall}) are symbolic: every play gives them fresh
 * callIDs. {@code $caller} is replaced by a fresh caller number from the reserved range
 * +44 20 7946 0xxx on every play. Device values {@code notKnown} and {@code restricted} stand for those
 * elements.
 */
public final class Scenario {

    private static final Pattern DELAY = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s)");
    private static final Pattern TOKEN = Pattern.compile("([A-Za-z][A-Za-z0-9]*)=(\"[^\"]*\"|\\S+)");

    /** One step of a scenario. */
    public sealed interface Step permits Delay, Event {
    }

    public record Delay(Duration duration) implements Step {
    }

    /** An event line: the event's name, its fields and the line it came from (for messages). */
    public record Event(String type, Map<String, String> fields, int line) implements Step {
        public Event {
            fields = Map.copyOf(fields);
        }
    }

    private final String name;
    private final List<Step> steps;

    private Scenario(String name, List<Step> steps) {
        this.name = name;
        this.steps = List.copyOf(steps);
    }

    public String name() {
        return name;
    }

    public List<Step> steps() {
        return steps;
    }

    /**
     * Loads a scenario by file path, or else by name from the class path ({@code scenarios/NAME.txt}),
     * e.g. {@code inbound-answered}.
     */
    public static Scenario load(String pathOrName) throws IOException {
        Path p = Path.of(pathOrName);
        if (Files.isRegularFile(p)) {
            return fromFile(p);
        }
        return fromClasspath(pathOrName);
    }

    public static Scenario fromFile(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        return parse(fileName.endsWith(".txt") ? fileName.substring(0, fileName.length() - 4) : fileName,
                Files.readString(file, StandardCharsets.UTF_8));
    }

    public static Scenario fromClasspath(String name) throws IOException {
        String resource = "scenarios/" + (name.endsWith(".txt") ? name : name + ".txt");
        try (InputStream in = Scenario.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no scenario file or class path resource " + resource);
            }
            return parse(name.replaceFirst("\\.txt$", ""), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Parses scenario text; fails with the line number on anything it does not understand. */
    public static Scenario parse(String name, String text) {
        Objects.requireNonNull(text, "text is required");
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            switch (parts[0]) {
                case "delay" -> {
                    Matcher m = parts.length == 2 ? DELAY.matcher(parts[1]) : null;
                    if (m == null || !m.matches()) {
                        throw new IllegalArgumentException(name + ":" + lineNo + ": expected 'delay <n>ms' or 'delay <n>s'");
                    }
                    double v = Double.parseDouble(m.group(1));
                    long millis = Math.round(m.group(2).equals("s") ? v * 1000 : v);
                    steps.add(new Delay(Duration.ofMillis(millis)));
                }
                case "event" -> {
                    if (parts.length < 2) {
                        throw new IllegalArgumentException(name + ":" + lineNo + ": expected 'event <Type> key=value...'");
                    }
                    Map<String, String> fields = new LinkedHashMap<>();
                    String rest = parts.length == 3 ? parts[2] : "";
                    Matcher m = TOKEN.matcher(rest);
                    int at = 0;
                    while (m.find()) {
                        if (!rest.substring(at, m.start()).isBlank()) {
                            throw new IllegalArgumentException(name + ":" + lineNo + ": cannot read '"
                                    + rest.substring(at, m.start()).strip() + "'");
                        }
                        String v = m.group(2);
                        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                            v = v.substring(1, v.length() - 1);
                        }
                        fields.put(m.group(1), v);
                        at = m.end();
                    }
                    if (!rest.substring(at).isBlank()) {
                        throw new IllegalArgumentException(name + ":" + lineNo + ": cannot read '" + rest.substring(at).strip() + "'");
                    }
                    Event e = new Event(parts[1], fields, lineNo);
                    ScenarioEvents.validate(name, e);
                    steps.add(e);
                }
                default -> throw new IllegalArgumentException(name + ":" + lineNo + ": unknown step '" + parts[0]
                        + "' (expected delay or event)");
            }
        }
        return new Scenario(name, steps);
    }

    @Override
    public String toString() {
        return "Scenario[" + name + ", " + steps.size() + " steps]";
    }
}
