package org.ccs.csta.sim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.ccs.csta.message.AgentState;
import org.ccs.csta.message.ConnectionId;
import org.ccs.csta.message.ConnectionListEntry;
import org.ccs.csta.message.CstaEvent;
import org.ccs.csta.message.DeviceId;
import org.ccs.csta.message.Sensitive;

/**
 * Builds CSTA events from scenario lines. Keys per event (all optional except {@code call}, and
 * {@code agent} for agent events); every event also takes {@code cause} and {@code monitors}
 * (comma-separated devices whose monitors get it, instead of the devices in the call):
 * <pre>
 * ServiceInitiated  call device initiating
 * Originated        call device calling called
 * Delivered         call device alerting calling called redirect local correlator userData
 * Queued            call device queue calling called numberQueued
 * Diverted          call device diverting new
 * Established       call device answering calling called redirect correlator userData
 * Held              call device holding
 * Retrieved         call device retrieving
 * ConnectionCleared call device releasing
 * CallCleared       call
 * Failed            call device failing calling called
 * Transferred       call secondary transferring transferredTo newCall
 * Conferenced       call secondary conferencing added newCall
 * CallInformation   call device calling account authCode correlator userData
 * DtmfDetected      call device digit
 * DigitsDialed      call device dialing digits
 * AgentLoggedOn, AgentLoggedOff, AgentReady, AgentNotReady, AgentWorkingAfterCall, AgentBusy:
 *                   agent agentId group
 * </pre>
 * {@code device} is the deviceID of the event's connection; when left out it defaults to the
 * alerting/answering/... device of the event. {@code correlator} and {@code userData} are octet strings
 * written in hex as on the wire (the digits 4711 are {@code 34373131}).
 */
final class ScenarioEvents {

    private static final Set<String> COMMON = Set.of("cause", "monitors");
    private static final Map<String, Set<String>> KEYS = Map.ofEntries(
            Map.entry("ServiceInitiated", Set.of("call", "device", "initiating")),
            Map.entry("Originated", Set.of("call", "device", "calling", "called")),
            Map.entry("Delivered", Set.of("call", "device", "alerting", "calling", "called", "redirect", "local", "correlator",
                    "userData")),
            Map.entry("Queued", Set.of("call", "device", "queue", "calling", "called", "numberQueued")),
            Map.entry("Diverted", Set.of("call", "device", "diverting", "new")),
            Map.entry("Established", Set.of("call", "device", "answering", "calling", "called", "redirect", "correlator",
                    "userData")),
            Map.entry("Held", Set.of("call", "device", "holding")),
            Map.entry("Retrieved", Set.of("call", "device", "retrieving")),
            Map.entry("ConnectionCleared", Set.of("call", "device", "releasing")),
            Map.entry("CallCleared", Set.of("call")),
            Map.entry("Failed", Set.of("call", "device", "failing", "calling", "called")),
            Map.entry("Transferred", Set.of("call", "secondary", "transferring", "transferredTo", "newCall")),
            Map.entry("Conferenced", Set.of("call", "secondary", "conferencing", "added", "newCall")),
            Map.entry("CallInformation", Set.of("call", "device", "calling", "account", "authCode", "correlator",
                    "userData")),
            Map.entry("DtmfDetected", Set.of("call", "device", "digit")),
            Map.entry("DigitsDialed", Set.of("call", "device", "dialing", "digits")),
            Map.entry("AgentLoggedOn", Set.of("agent", "agentId", "group")),
            Map.entry("AgentLoggedOff", Set.of("agent", "agentId", "group")),
            Map.entry("AgentReady", Set.of("agent", "agentId", "group")),
            Map.entry("AgentNotReady", Set.of("agent", "agentId", "group")),
            Map.entry("AgentWorkingAfterCall", Set.of("agent", "agentId", "group")),
            Map.entry("AgentBusy", Set.of("agent", "agentId", "group")));

    /** Keys whose values name devices taking part in the event (used to address monitors). */
    static final List<String> DEVICE_KEYS = List.of("device", "initiating", "alerting", "queue", "diverting", "new",
            "answering", "holding", "retrieving", "releasing", "failing", "transferring", "transferredTo",
            "conferencing", "added", "dialing", "agent");

    private ScenarioEvents() {
    }

    static void validate(String scenario, Scenario.Event e) {
        Set<String> keys = KEYS.get(e.type());
        if (keys == null) {
            throw new IllegalArgumentException(scenario + ":" + e.line() + ": unknown event '" + e.type() + "'");
        }
        for (String k : e.fields().keySet()) {
            if (!keys.contains(k) && !COMMON.contains(k)) {
                throw new IllegalArgumentException(scenario + ":" + e.line() + ": " + e.type() + " has no key '" + k
                        + "' (keys: " + keys + ")");
            }
        }
        String required = e.type().startsWith("Agent") ? "agent" : "call";
        if (!e.fields().containsKey(required)) {
            throw new IllegalArgumentException(scenario + ":" + e.line() + ": " + e.type() + " needs " + required + "=");
        }
    }

    /** The devices an event line names (after substitution), for addressing monitors. */
    static Set<String> devices(Map<String, String> f) {
        Set<String> out = new LinkedHashSet<>();
        for (String k : DEVICE_KEYS) {
            String v = f.get(k);
            if (v != null && !v.equals("notKnown") && !v.equals("restricted")) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * Builds the event (without monitorCrossRefID) from substituted fields; {@code callIds} maps the
     * scenario's call names to this play's callIDs.
     */
    static CstaEvent build(String type, Map<String, String> f, Function<String, String> callIds) {
        String call = f.get("call") == null ? null : callIds.apply(f.get("call"));
        String cause = f.get("cause");
        switch (type) {
            case "ServiceInitiated":
                return new CstaEvent.ServiceInitiated(null, conn(call, f, "initiating"), dev(f, "initiating"), cause);
            case "Originated":
                return new CstaEvent.Originated(null, conn(call, f, "calling"), dev(f, "calling"), dev(f, "called"), cause);
            case "Delivered":
                return new CstaEvent.Delivered(null, conn(call, f, "alerting"), dev(f, "alerting"), dev(f, "calling"),
                        dev(f, "called"), dev(f, "redirect"), f.get("local"), Sensitive.of(f.get("correlator")),
                        Sensitive.of(f.get("userData")), cause);
            case "Queued":
                return new CstaEvent.Queued(null, conn(call, f, "queue"), dev(f, "queue"), dev(f, "calling"),
                        dev(f, "called"), f.get("numberQueued") == null ? null : Integer.valueOf(f.get("numberQueued")),
                        cause);
            case "Diverted":
                return new CstaEvent.Diverted(null, conn(call, f, "diverting"), dev(f, "diverting"), dev(f, "new"), cause);
            case "Established":
                return new CstaEvent.Established(null, conn(call, f, "answering"), dev(f, "answering"), dev(f, "calling"),
                        dev(f, "called"), dev(f, "redirect"), Sensitive.of(f.get("correlator")),
                        Sensitive.of(f.get("userData")), cause);
            case "Held":
                return new CstaEvent.Held(null, conn(call, f, "holding"), dev(f, "holding"), cause);
            case "Retrieved":
                return new CstaEvent.Retrieved(null, conn(call, f, "retrieving"), dev(f, "retrieving"), cause);
            case "ConnectionCleared":
                return new CstaEvent.ConnectionCleared(null, conn(call, f, "releasing"), dev(f, "releasing"), cause);
            case "CallCleared":
                return new CstaEvent.CallCleared(null, new ConnectionId(call, null), cause);
            case "Failed":
                return new CstaEvent.Failed(null, conn(call, f, "failing"), dev(f, "failing"), dev(f, "calling"),
                        dev(f, "called"), cause);
            case "Transferred": {
                String secondary = f.get("secondary") == null ? null : callIds.apply(f.get("secondary"));
                String newCall = f.get("newCall") == null ? null : callIds.apply(f.get("newCall"));
                List<ConnectionListEntry> list = new ArrayList<>();
                if (newCall != null) {
                    list.add(new ConnectionListEntry(new ConnectionId(newCall, f.get("transferredTo")),
                            new ConnectionId(call, f.get("transferredTo")), dev(f, "transferredTo")));
                }
                return new CstaEvent.Transferred(null, new ConnectionId(call, f.get("transferring")),
                        secondary == null ? null : new ConnectionId(secondary, f.get("transferring")),
                        dev(f, "transferring"), dev(f, "transferredTo"), list, cause);
            }
            case "Conferenced": {
                String secondary = f.get("secondary") == null ? null : callIds.apply(f.get("secondary"));
                String newCall = f.get("newCall") == null ? null : callIds.apply(f.get("newCall"));
                List<ConnectionListEntry> list = new ArrayList<>();
                if (newCall != null) {
                    list.add(new ConnectionListEntry(new ConnectionId(newCall, f.get("added")),
                            new ConnectionId(call, f.get("added")), dev(f, "added")));
                }
                return new CstaEvent.Conferenced(null, new ConnectionId(call, f.get("conferencing")),
                        secondary == null ? null : new ConnectionId(secondary, f.get("conferencing")),
                        dev(f, "conferencing"), dev(f, "added"), list, cause);
            }
            case "CallInformation":
                return new CstaEvent.CallInformation(null, conn(call, f, "device"), dev(f, "device"), dev(f, "calling"),
                        Sensitive.of(f.get("account")), Sensitive.of(f.get("authCode")),
                        Sensitive.of(f.get("correlator")), Sensitive.of(f.get("userData")));
            case "DtmfDetected":
                return new CstaEvent.DtmfDetected(null, conn(call, f, "device"), Sensitive.of(f.get("digit")), cause);
            case "DigitsDialed":
                return new CstaEvent.DigitsDialed(null, conn(call, f, "dialing"), dev(f, "dialing"),
                        Sensitive.of(f.get("digits")), cause);
            default: {
                AgentState state = switch (type) {
                    case "AgentLoggedOn" -> AgentState.LOGGED_ON;
                    case "AgentLoggedOff" -> AgentState.LOGGED_OFF;
                    case "AgentReady" -> AgentState.READY;
                    case "AgentNotReady" -> AgentState.NOT_READY;
                    case "AgentWorkingAfterCall" -> AgentState.WORKING_AFTER_CALL;
                    case "AgentBusy" -> AgentState.BUSY;
                    default -> throw new IllegalArgumentException("unknown event " + type);
                };
                return new CstaEvent.AgentStateEvent(null, state, dev(f, "agent"), f.get("agentId"), dev(f, "group"), cause);
            }
        }
    }

    private static ConnectionId conn(String call, Map<String, String> f, String defaultDeviceKey) {
        String device = f.getOrDefault("device", f.get(defaultDeviceKey));
        if (device != null && (device.equals("notKnown") || device.equals("restricted"))) {
            device = null;
        }
        return new ConnectionId(call, device);
    }

    private static DeviceId dev(Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "notKnown" -> DeviceId.NOT_KNOWN;
            case "restricted" -> DeviceId.RESTRICTED;
            default -> DeviceId.of(v);
        };
    }
}
