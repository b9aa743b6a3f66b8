package org.ccs.csta.message;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 * Thread-safe.
 */
public final class XmlParser {

    private static final int MAX_DEPTH = 32;
    private static final int MAX_ELEMENTS = 10_000;

    private static final XMLInputFactory FACTORY = createFactory();

    private XmlParser() {
    }

    private static XMLInputFactory createFactory() {
        // the JDK's own implementation, whatever else is on the class path
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        return f;
    }

    public static XmlElement parse(String xml) throws MalformedMessageException {
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new StringReader(xml));
            Deque<Node> stack = new ArrayDeque<>();
            XmlElement root = null;
            int elements = 0;
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
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
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            n.attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                        }
                        stack.push(n);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!stack.isEmpty()) {
                            stack.peek().text.append(r.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        Node n = stack.pop();
                        XmlElement e = new XmlElement(n.name, n.attributes, n.text.toString().strip(), n.children);
                        if (stack.isEmpty()) {
                            root = e;
                        } else {
                            stack.peek().children.add(e);
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
            // the parser's own message may quote body content: keep only the location
            String where = e instanceof XMLStreamException x && x.getLocation() != null
                    ? " at line " + x.getLocation().getLineNumber() + " column " + x.getLocation().getColumnNumber()
                    : "";
            throw new MalformedMessageException("not well-formed XML" + where);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held
                }
            }
        }
    }

    private static final class Node {
        final String name;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final StringBuilder text = new StringBuilder();
        final List<XmlElement> children = new ArrayList<>();

        Node(String name) {
            this.name = name;
        }
    }
}
