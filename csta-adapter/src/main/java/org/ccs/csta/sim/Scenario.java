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
 * link down                        (the PBX drops every client and refuses new ones)
 * link up 10s                      (accepts clients again and waits up to 10 s for one to monitor again)
 * </pre>
 * Each {@code event} line names the event (Delivered, Queued, ...) and its fields as {@code key=value}
 * ({@code key="value with spaces"} when needed); {@link ScenarioEvents} lists the keys of each event.
 * Call names ({@code call}, {@code secondary}, {@code newCall}) are symbolic: every play gives them fresh
 * callIDs. Variables: {@code $caller} is a fresh caller number from the reserved range +44 20 7946 0xxx
 * on every play, {@code $called} another one (the customer an agent calls), {@code $agent} the agent
 * extension of this play (round robin in load mode). Device values {@code notKnown} and {@code restricted}
 * stand for those elements.
 */
public final class Scenario {

    private static final Pattern DELAY = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s)");
    private static final Pattern TOKEN = Pattern.compile("([A-Za-z][A-Za-z0-9]*)=(\"[^\"]*\"|\\S+)");

    /** One step of a scenario. */
    public sealed interface Step permits Delay, Event, Link {
    }

    public record Delay(Duration duration) implements Step {
    }

    /**
     * {@code link down}: the PBX closes every client connection and refuses new ones;
     * {@code link up [timeout]}: it accepts them again and waits (10 s unless given) for a client to monitor.
     */
    public record Link(boolean up, Duration timeout) implements Step {
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
                    Duration d = parts.length == 2 ? duration(parts[1]) : null;
                    if (d == null) {
                        throw new IllegalArgumentException(name + ":" + lineNo + ": expected 'delay <n>ms' or 'delay <n>s'");
                    }
                    steps.add(new Delay(d));
                }
                case "link" -> {
                    boolean down = parts.length == 2 && parts[1].equals("down");
                    boolean up = parts.length >= 2 && parts[1].equals("up");
                    Duration timeout = up && parts.length == 3 ? duration(parts[2]) : Duration.ofSeconds(10);
                    if (!down && !up || timeout == null) {
                        throw new IllegalArgumentException(name + ":" + lineNo + ": expected 'link down' or 'link up [10s]'");
                    }
                    steps.add(new Link(up, timeout));
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
                        + "' (expected delay, event or link)");
            }
        }
        return new Scenario(name, steps);
    }

    /** {@code 200ms}, {@code 1.5s}; null when it is neither. */
    private static Duration duration(String s) {
        Matcher m = DELAY.matcher(s);
        if (!m.matches()) {
            return null;
        }
        double v = Double.parseDouble(m.group(1));
        return Duration.ofMillis(Math.round(m.group(2).equals("s") ? v * 1000 : v));
    }

    /** Whether the scenario drops or restores the link (not allowed in load mode). */
    public boolean hasLinkSteps() {
        return steps.stream().anyMatch(s -> s instanceof Link);
    }

    /** The time one play takes: the sum of its delays. */
    public Duration length() {
        Duration d = Duration.ZERO;
        for (Step s : steps) {
            if (s instanceof Delay delay) {
                d = d.plus(delay.duration());
            }
        }
        return d;
    }

    @Override
    public String toString() {
        return "Scenario[" + name + ", " + steps.size() + " steps]";
    }
}
