package org.ccs.csta.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ccs.csta.message.ConnectionId;
import org.ccs.csta.message.ConnectionListEntry;
import org.ccs.csta.message.CstaEvent;
import org.ccs.csta.message.SnapshotEntry;

/**
 * The PBX side's view of the calls a scenario plays, without any network: which devices take part in
 * each call and in which local connection state (ECMA-285 LocalConnectionState: initiated, alerting,
 * connected, hold, queued, fail). It turns each event line into the event and the devices whose monitors
 * get it, and answers SnapshotDevice. The {@link PbxSimulator} sends what it gives over TCP; tests and
 * benchmarks feed it to a {@code CallTracker} directly. Thread-safe.
 */
public final class CallModel {

    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z][A-Za-z0-9]*)");

    /** callID -> device -> local connection state. */
    private final Map<String, Map<String, String>> calls = new HashMap<>();
    private final AtomicLong callIds;

    public CallModel() {
        this(ThreadLocalRandom.current().nextLong(0x1000, 0xFFFFF));
    }

    /** A model whose callIDs count up from {@code firstCallId} (for repeatable benchmarks). */
    public CallModel(long firstCallId) {
        this.callIds = new AtomicLong(firstCallId);
    }

    /** One event to send: the event (without monitorCrossRefID) and the devices whose monitors get it. */
    public record Delivery(CstaEvent event, Set<String> devices) {
    }

    /** A fresh callID, as the PBX gives to a new call. */
    public String newCallId() {
        return String.format("%06X", callIds.getAndIncrement());
    }

    /**
     * One play of a scenario: its variables ({@code $name} in values) and its call names bound to callIDs
     * (fresh ones unless bound beforehand, e.g. to the callID a MakeCall created). Confined to one thread.
     */
    public final class Play {
        private final Map<String, String> variables;
        private final Map<String, String> callIds = new LinkedHashMap<>();

        public Play(Map<String, String> variables, Map<String, String> boundCallIds) {
            this.variables = Map.copyOf(variables);
            this.callIds.putAll(boundCallIds);
        }

        public Play(Map<String, String> variables) {
            this(variables, Map.of());
        }

        /** Call name -> callID, for the names used so far. */
        public Map<String, String> callIds() {
            return Map.copyOf(callIds);
        }

        public Map<String, String> variables() {
            return variables;
        }

        String callId(String name) {
            return callIds.computeIfAbsent(name, n -> newCallId());
        }

        Map<String, String> substitute(Map<String, String> fields) {
            Map<String, String> out = new LinkedHashMap<>();
            fields.forEach((k, v) -> {
                Matcher m = VARIABLE.matcher(v);
                StringBuilder b = new StringBuilder();
                while (m.find()) {
                    String value = variables.get(m.group(1));
                    m.appendReplacement(b, Matcher.quoteReplacement(value != null ? value : m.group()));
                }
                m.appendTail(b);
                out.put(k, b.toString());
            });
            return out;
        }
    }

    /** The event of an event line in a play, who gets it, and the calls' new state. */
    public synchronized Delivery apply(Scenario.Event line, Play play) {
        Map<String, String> f = play.substitute(line.fields());
        CstaEvent event = ScenarioEvents.build(line.type(), f, play::callId);
        Set<String> recipients = new LinkedHashSet<>();
        if (f.containsKey("monitors")) {
            for (String m : f.get("monitors").split(",")) {
                recipients.add(m.strip());
            }
        } else {
            Map<String, String> parties = event.callId() == null ? null : calls.get(event.callId());
            if (parties != null) {
                recipients.addAll(parties.keySet());
            }
            recipients.addAll(ScenarioEvents.devices(f));
        }
        update(event);
        return new Delivery(event, recipients);
    }

    /** SnapshotDevice: the calls at a device and its connection state in each. */
    public synchronized List<SnapshotEntry> snapshot(String device) {
        List<SnapshotEntry> out = new ArrayList<>();
        calls.forEach((callId, parties) -> {
            String state = parties.get(device);
            if (state != null) {
                out.add(new SnapshotEntry(new ConnectionId(callId, device), state));
            }
        });
        return out;
    }

    /** Calls the model holds as in progress. */
    public synchronized int activeCalls() {
        return calls.size();
    }

    private void update(CstaEvent event) {
        if (event instanceof CstaEvent.ServiceInitiated e) {
            set(e.callId(), device(e.initiatedConnection()), "initiated");
        } else if (event instanceof CstaEvent.Originated e) {
            set(e.callId(), device(e.originatedConnection()), "connected");
        } else if (event instanceof CstaEvent.Delivered e) {
            set(e.callId(), device(e.connection()), e.localConnectionInfo() != null ? e.localConnectionInfo() : "alerting");
        } else if (event instanceof CstaEvent.Queued e) {
            set(e.callId(), device(e.queuedConnection()), "queued");
        } else if (event instanceof CstaEvent.Established e) {
            set(e.callId(), device(e.establishedConnection()), "connected");
        } else if (event instanceof CstaEvent.Held e) {
            set(e.callId(), device(e.heldConnection()), "hold");
        } else if (event instanceof CstaEvent.Retrieved e) {
            set(e.callId(), device(e.retrievedConnection()), "connected");
        } else if (event instanceof CstaEvent.Failed e) {
            set(e.callId(), device(e.failedConnection()), "fail");
        } else if (event instanceof CstaEvent.Diverted e) {
            remove(e.callId(), device(e.connection()));
        } else if (event instanceof CstaEvent.ConnectionCleared e) {
            remove(e.callId(), device(e.droppedConnection()));
        } else if (event instanceof CstaEvent.CallCleared e) {
            calls.remove(e.callId());
        } else if (event instanceof CstaEvent.Transferred e) {
            merge(e.callId(), e.secondaryOldCall(), device(e.primaryOldCall()), e.transferredConnections());
        } else if (event instanceof CstaEvent.Conferenced e) {
            merge(e.callId(), e.secondaryOldCall(), null, e.conferenceConnections());
        }
    }

    /** Transfer and conference: the secondary call's parties join the primary, which may get a new callID. */
    private void merge(String primary, ConnectionId secondary, String leaving,
                       List<ConnectionListEntry> connections) {
        Map<String, String> parties = calls.computeIfAbsent(primary, k -> new LinkedHashMap<>());
        if (secondary != null && secondary.callId() != null) {
            Map<String, String> other = calls.remove(secondary.callId());
            if (other != null) {
                other.forEach(parties::putIfAbsent);
            }
        }
        if (leaving != null) {
            parties.remove(leaving);
        }
        for (ConnectionListEntry en : connections) {
            if (en.newConnection() != null && en.newConnection().callId() != null
                    && !en.newConnection().callId().equals(primary)) {
                calls.put(en.newConnection().callId(), calls.remove(primary));
                return;
            }
        }
    }

    private void set(String callId, String device, String state) {
        if (callId != null && device != null) {
            calls.computeIfAbsent(callId, k -> new LinkedHashMap<>()).put(device, state);
        }
    }

    private void remove(String callId, String device) {
        Map<String, String> parties = callId == null ? null : calls.get(callId);
        if (parties != null && device != null) {
            parties.remove(device);
            if (parties.isEmpty()) {
                calls.remove(callId);
            }
        }
    }

    private static String device(ConnectionId c) {
        return c == null ? null : c.deviceId();
    }
}
