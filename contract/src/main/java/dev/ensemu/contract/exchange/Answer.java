package dev.ensemu.contract.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exchange's answer read once for every check: its body as a tree (JSON, or XML read as one),
 * which of the two it was, and the XML root element's name. Not ENS-shaped when the body is
 * neither a JSON object nor an XML document.
 */
final class Answer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final XmlMapper XML = new XmlMapper();
    private static final Pattern XML_ROOT = Pattern.compile("^\\s*(?:<\\?xml[^>]*\\?>\\s*)?<([A-Za-z_][\\w.-]*)");

    final Exchange exchange;
    final DocumentSchemas schemas;
    final String text;
    final JsonNode tree;
    final boolean json;
    final String xmlRoot;

    Answer(Exchange exchange, DocumentSchemas schemas) {
        this.exchange = exchange;
        this.schemas = schemas;
        this.text = new String(exchange.body(), StandardCharsets.UTF_8);
        JsonNode parsed = null;
        boolean isJson = false;
        String root = null;
        Matcher xml = XML_ROOT.matcher(text);
        try {
            if (xml.find()) {
                root = xml.group(1);
                parsed = XML.readTree(exchange.body());
            } else {
                parsed = JSON.readTree(exchange.body());
                isJson = parsed != null && parsed.isObject();
                parsed = isJson ? parsed : null;
            }
        } catch (java.io.IOException | RuntimeException e) {
            parsed = null;
            isJson = false;
            root = null;
        }
        this.tree = parsed;
        this.json = isJson;
        this.xmlRoot = root;
    }

    boolean ensShaped() {
        return tree != null;
    }

    boolean xml() {
        return tree != null && !json;
    }

    String field(String name) {
        JsonNode value = tree == null ? null : tree.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    String requestId() {
        return field("RequestId");
    }

    String mediaType() {
        String type = exchange.contentType();
        return type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    String action() {
        return exchange.action() == null ? "" : exchange.action();
    }

    /** The success answer of a listing as JSON, the one shape its arithmetic is checked on. */
    boolean jsonListing() {
        return json && exchange.succeeded() && "DescribeExportImageInfo".equals(action());
    }

    /** The images a listing answer holds; empty when it holds none or is not shaped as a listing. */
    JsonNode images() {
        JsonNode images = tree.path("Images").path("Image");
        return images.isArray() ? images : JSON.createArrayNode();
    }
}
