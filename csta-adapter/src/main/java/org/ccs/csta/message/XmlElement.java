package org.ccs.csta.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small immutable XML element tree: local name (namespace dropped), attributes by local name,
 * trimmed text and child elements. Enough for CSTA messages, which use no mixed content.
 */
public final class XmlElement {

    private final String name;
    private final Map<String, String> attributes;
    private final String text;
    private final List<XmlElement> children;

    public XmlElement(String name, Map<String, String> attributes, String text, List<XmlElement> children) {
        this(Objects.requireNonNull(name, "name is required"),
                attributes == null || attributes.isEmpty() ? Map.of()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(attributes)),
                text == null ? "" : text,
                children == null || children.isEmpty() ? List.of() : List.copyOf(children), true);
    }

    /** For the parser: takes the (already immutable or never again touched) arguments as they are. */
    private XmlElement(String name, Map<String, String> attributes, String text, List<XmlElement> children,
                       boolean owned) {
        this.name = name;
        this.attributes = attributes;
        this.text = text;
        this.children = children;
    }

    /**
     * Used by {@link XmlParser}: {@code attributes} and {@code children} must not be changed afterwards;
     * they are exposed read-only.
     */
    static XmlElement parsed(String name, Map<String, String> attributes, String text, List<XmlElement> children) {
        return new XmlElement(name, attributes.isEmpty() ? Map.of() : Collections.unmodifiableMap(attributes), text,
                children.isEmpty() ? List.of() : Collections.unmodifiableList(children), true);
    }

    public static XmlElement of(String name, String text) {
        return new XmlElement(name, null, text, null);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    public String text() {
        return text;
    }

    public List<XmlElement> children() {
        return children;
    }

    /** The first child with this local name, or null. */
    public XmlElement child(String localName) {
        for (int i = 0, n = children.size(); i < n; i++) {
            XmlElement c = children.get(i);
            if (c.name.equals(localName)) {
                return c;
            }
        }
        return null;
    }

    public List<XmlElement> children(String localName) {
        List<XmlElement> out = new ArrayList<>();
        for (XmlElement c : children) {
            if (c.name.equals(localName)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Text of the first child with this local name, or null when there is none or it is empty. */
    public String childText(String localName) {
        XmlElement c = child(localName);
        return c == null || c.text.isEmpty() ? null : c.text;
    }

    /** Serialises this element (and its children) with {@code namespace} as default namespace on the root. */
    public String toXml(String namespace) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        write(sb, namespace);
        return sb.toString();
    }

    private void write(StringBuilder sb, String namespace) {
        sb.append('<').append(name);
        if (namespace != null) {
            sb.append(" xmlns=\"").append(escape(namespace)).append('"');
        }
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            sb.append(' ').append(a.getKey()).append("=\"").append(escape(a.getValue())).append('"');
        }
        if (text.isEmpty() && children.isEmpty()) {
            sb.append("/>");
            return;
        }
        sb.append('>').append(escape(text));
        for (XmlElement c : children) {
            c.write(sb, null);
        }
        sb.append("</").append(name).append('>');
    }

    static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            String rep = switch (ch) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> null;
            };
            if (rep != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (rep != null) {
                    out.append(rep);
                } else {
                    out.append(ch);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    @Override
    public String toString() {
        return toXml(null);
    }

    /** Builds trees for outgoing messages; null-valued text children are left out. */
    public static final class Builder {
        private final String name;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final List<XmlElement> children = new ArrayList<>();
        private String text = "";

        private Builder(String name) {
            this.name = name;
        }

        public Builder attribute(String name, String value) {
            if (value != null) {
                attributes.put(name, value);
            }
            return this;
        }

        public Builder text(String text) {
            this.text = text == null ? "" : text;
            return this;
        }

        public Builder child(XmlElement child) {
            if (child != null) {
                children.add(child);
            }
            return this;
        }

        /** Adds {@code <name>text</name>} unless text is null. */
        public Builder child(String name, String text) {
            if (text != null) {
                children.add(XmlElement.of(name, text));
            }
            return this;
        }

        public XmlElement build() {
            return new XmlElement(name, attributes, text, children);
        }
    }
}
