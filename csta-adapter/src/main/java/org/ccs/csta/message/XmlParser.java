package org.ccs.csta.message;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses one CSTA XML body into an {@link XmlElement} tree with StAX. DTDs and external entities are
 * switched off, and a body that carries a DOCTYPE or an entity reference is refused outright. Elements
 * and attributes are kept by local name, so every namespace (ed2 to ed6, none, prefixed) reads the same.
 *
 * <p>An instance reuses one stream reader from frame to frame (the JDK implementation's
 * {@code reuse-instance} property; creating a reader costs more than parsing a small message), so an
 * instance is for one thread at a time: the codec has one per session. {@link #parse(String)} is the
 * thread-safe one-off form.
 */
public final class XmlParser {

    private static final int MAX_DEPTH = 32;
    private static final int MAX_ELEMENTS = 10_000;
    /** The JDK (SJSXP) implementation's switch to hand back the closed reader, reset, from the next create. */
    private static final String REUSE_INSTANCE = "reuse-instance";

    private static final XMLInputFactory SHARED = createFactory(false);

    private final XMLInputFactory factory;
    /** Open elements while parsing; reused between frames. */
    private final List<Node> stack = new ArrayList<>();

    /** A parser for one thread at a time, reusing its stream reader between messages. */
    public XmlParser() {
        this.factory = createFactory(true);
    }

    private static XMLInputFactory createFactory(boolean reuse) {
        // the JDK's own implementation, whatever else is on the class path
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        if (reuse && f.isPropertySupported(REUSE_INSTANCE)) {
            f.setProperty(REUSE_INSTANCE, Boolean.TRUE);
        }
        return f;
    }

    /** Parses a body given as text (tests, tools). Thread-safe. */
    public static XmlElement parse(String xml) throws MalformedMessageException {
        XMLStreamReader r;
        try {
            r = SHARED.createXMLStreamReader(new StringReader(xml));
        } catch (XMLStreamException | RuntimeException e) {
            throw malformed(e);
        }
        return read(r, new ArrayList<>());
    }

    /** Parses the UTF-8 body in {@code bytes[offset, offset + length)}. */
    public XmlElement parse(byte[] bytes, int offset, int length) throws MalformedMessageException {
        InputStream in = new ByteArrayInputStream(bytes, offset, length);
        XMLStreamReader r;
        try {
            r = factory.createXMLStreamReader(in, "UTF-8");
        } catch (XMLStreamException | RuntimeException e) {
            throw malformed(e);
        }
        return read(r, stack);
    }

    private static XmlElement read(XMLStreamReader r, List<Node> stack) throws MalformedMessageException {
        stack.clear();
        try {
            XmlElement root = null;
            int elements = 0;
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.DTD ->
                            throw new MalformedMessageException("DOCTYPE declarations are refused");
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                            throw new MalformedMessageException("entity references are refused");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (root != null) {
                            throw new MalformedMessageException("content after the root element");
                        }
                        if (stack.size() >= MAX_DEPTH || ++elements > MAX_ELEMENTS) {
                            throw new MalformedMessageException("message nested too deep or too large");
                        }
                        Node n = new Node(r.getLocalName());
                        int attributes = r.getAttributeCount();
                        if (attributes > 0) {
                            n.attributes = new LinkedHashMap<>();
                            for (int i = 0; i < attributes; i++) {
                                n.attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                            }
                        }
                        stack.add(n);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!stack.isEmpty() && !r.isWhiteSpace()) {
                            stack.get(stack.size() - 1).text(r.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        Node n = stack.remove(stack.size() - 1);
                        XmlElement e = n.build();
                        if (stack.isEmpty()) {
                            root = e;
                        } else {
                            stack.get(stack.size() - 1).children().add(e);
                        }
                    }
                    default -> {
                        // comments, processing instructions, whitespace: nothing to keep
                    }
                }
            }
            if (root == null) {
                throw new MalformedMessageException("no root element");
            }
            return root;
        } catch (XMLStreamException | RuntimeException e) {
            throw malformed(e);
        } finally {
            stack.clear();
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing held
            }
        }
    }

    /** The parser's own message may quote body content: keep only the location. */
    private static MalformedMessageException malformed(Exception e) {
        String where = e instanceof XMLStreamException x && x.getLocation() != null
                ? " at line " + x.getLocation().getLineNumber() + " column " + x.getLocation().getColumnNumber()
                : "";
        return new MalformedMessageException("not well-formed XML" + where);
    }

    /** An element being read. */
    private static final class Node {
        final String name;
        Map<String, String> attributes;
        String text;
        StringBuilder moreText;
        List<XmlElement> children;

        Node(String name) {
            this.name = name;
        }

        void text(String t) {
            if (text == null) {
                text = t;
            } else {
                if (moreText == null) {
                    moreText = new StringBuilder(text);
                }
                moreText.append(t);
            }
        }

        List<XmlElement> children() {
            if (children == null) {
                children = new ArrayList<>(4);
            }
            return children;
        }

        XmlElement build() {
            String t = moreText != null ? moreText.toString() : text;
            return XmlElement.parsed(name, attributes == null ? Map.of() : attributes, t == null ? "" : t.strip(),
                    children == null ? List.of() : children);
        }
    }
}
