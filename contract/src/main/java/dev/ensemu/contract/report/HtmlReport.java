package dev.ensemu.contract.report;

import dev.ensemu.contract.rules.Rule;
import dev.ensemu.contract.rules.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The run as one self-contained HTML page (inline style, no script, nothing fetched): the verdict
 * and which level decided it, counts by level and by group, then every check with its result and
 * duration, and for each failure the exact request and answer (signatures, tokens and secrets
 * redacted) with a one-line hint.
 */
public final class HtmlReport {
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)\\b(Signature|SecurityToken|AccessKeySecret)=[^&\\s\"]+");
    private static final Pattern SECRET_HEADER = Pattern.compile("(?i)(Authorization|x-acs-security-token)([\"']?\\s*[:=]\\s*[\"']?)[^,\"'\\n]+");
    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry("DEF", "Check the defaults: PageNumber 1 and PageSize 10 when absent or empty."),
            Map.entry("ERR", "Errors are {RequestId, HostId, Code, Message, Recommend} with the documented status and Code."),
            Map.entry("FIL", "ImageId and ImageName are exact, case-sensitive filters on the untrimmed value, and they combine."),
            Map.entry("FLD", "Compare the fields with the ENS sample: names, types, \"\" for unexported URLs, no Code on success."),
            Map.entry("LIM", "PageSize 1..50 and PageNumber 1..2147483647; anything else is 400 InvalidParameter.<Name>."),
            Map.entry("PAG", "Pages must slice one stable order (CreationTime desc, ImageId asc) with the true TotalCount."),
            Map.entry("PRO", "Accept every way the official clients send a call: GET, POST forms, headers, framings, XML."),
            Map.entry("SCH", "Every answer must validate against the OpenAPI document."),
            Map.entry("SEED", "Seeded through the control plane: exact counts, statuses and URLs are expected."),
            Map.entry("SIG", "V1/V3 signatures: key, timestamp window, signature and nonce checks, each with its Code."),
            Map.entry("STS", "Temporary credentials need their own unexpired token; disabled keys are Inactive."),
            Map.entry("EXP", "ExportImage: required ImageId, OSSBucket, OSSRegionId; limits and patterns as documented; the URL rule."),
            Map.entry("STA", "DescribeExportImageStatus: required ImageId; the status DescribeExportImageInfo shows."),
            Map.entry("FLOW", "Exporting at once, then Exported with the promised URL; IncorrectImageStatus while Exporting."),
            Map.entry("ISO", "Another account's images are not found, by any operation."),
            Map.entry("OPS", "The endpoint names the operations it does not implement InvalidAction.NotFound."));

    private HtmlReport() {}

    public static void write(RunReport report, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(report), StandardCharsets.UTF_8);
    }

    static String render(RunReport report) {
        StringBuilder html = new StringBuilder(16 * 1024);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(report.suite())).append(": ")
                .append(escape(report.endpoint())).append("</title><style>")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}h1{font-size:1.4em}")
                .append(".verdict{padding:.8em 1em;border-radius:6px;font-weight:600;margin:1em 0}")
                .append(".ok{background:#e6f4ea;color:#0b5b2b}.bad{background:#fce8e6;color:#8a1c13}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}")
                .append("th{background:#f5f5f5}.pass{color:#0b5b2b}.fail{color:#8a1c13;font-weight:600}.na{color:#777}")
                .append("pre{white-space:pre-wrap;word-break:break-all;background:#fafafa;border:1px solid #eee;padding:.5em;margin:.3em 0;font-size:12px}")
                .append("tr.rule td:first-child,tr.check td:first-child{white-space:nowrap}.hint{color:#555;font-style:italic}.sources,.broken-rule{color:#333;font-size:90%}dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}")
                .append("</style></head><body>");
        html.append("<h1>").append(escape(report.suite())).append(" report</h1>");
        html.append("<div id=\"verdict\" class=\"verdict ").append(report.conformant() ? "ok" : "bad").append("\">")
                .append(escape(report.verdict())).append("</div>");
        html.append("<dl><dt>endpoint</dt><dd>").append(escape(report.endpoint()))
                .append("</dd><dt>signature</dt><dd>").append(escape(report.signature()))
                .append("</dd><dt>strict</dt><dd>").append(report.strict() ? "yes: SHOULD failures fail the run" : "no: SHOULD failures are reported")
                .append("</dd><dt>suite version</dt><dd>").append(escape(report.suiteVersion()))
                .append("</dd><dt>OpenAPI document SHA-256</dt><dd><code>").append(escape(report.openApiSha256()))
                .append("</code></dd><dt>run</dt><dd>").append(report.startedAt()).append(" to ").append(report.finishedAt())
                .append("</dd></dl>");
        counts(html, report);
        operations(html, report);
        rules(html, report);
        html.append("<h2>Checks</h2><table id=\"checks\"><tr><th>check</th><th>level</th><th>result</th><th>ms</th><th>description</th></tr>");
        for (CheckResult check : report.checks()) {
            String css = switch (check.outcome()) {
                case PASS -> "pass";
                case FAIL -> "fail";
                case NOT_APPLICABLE -> "na";
            };
            html.append("<tr class=\"check\" id=\"check-").append(escape(check.id())).append("\" data-id=\"").append(escape(check.id())).append("\" data-result=\"").append(css).append("\"><td>")
                    .append(escape(check.id())).append("</td><td>").append(check.level()).append("</td><td class=\"").append(css).append("\">")
                    .append(escape(check.outcome().label())).append("</td><td>").append(check.durationMillis()).append("</td><td>")
                    .append(escape(check.description()));
            if (check.outcome() == CheckResult.Outcome.FAIL) {
                html.append("<div class=\"hint\">Hint: ").append(escape(HINTS.getOrDefault(check.group(), check.description()))).append("</div>");
                report.rules().stream().filter(r -> check.rules().contains(r.rule().id())).forEach(r -> {
                    html.append("<div class=\"broken-rule\">").append(escape(r.rule().id())).append(" (").append(r.rule().level())
                            .append("): ").append(escape(r.rule().text()));
                    sources(html, r.rule());
                    html.append("</div>");
                });
                check.details().forEach(detail -> html.append("<pre>").append(escape(redact(detail))).append("</pre>"));
            } else if (check.outcome() == CheckResult.Outcome.NOT_APPLICABLE && !check.details().isEmpty()) {
                html.append("<div class=\"hint\">").append(escape(String.join("; ", check.details()))).append("</div>");
            }
            html.append("</td></tr>");
        }
        html.append("</table></body></html>\n");
        return html.toString();
    }

    /** Per operation: implemented, required, its verdict, its checks (linked to their rows). */
    private static void operations(StringBuilder html, RunReport report) {
        html.append("<h2>Operations</h2><table id=\"operations\"><tr><th>operation</th><th>implemented</th><th>required</th>"
                + "<th>verdict</th><th>checks</th></tr>");
        for (OperationResult operation : report.operations()) {
            String css = switch (operation.verdict()) {
                case CONFORMANT -> "pass";
                case NOT_IMPLEMENTED -> "na";
                case NOT_CONFORMANT, MISSING -> "fail";
            };
            html.append("<tr class=\"operation\" data-operation=\"").append(escape(operation.action())).append("\"><td>")
                    .append(escape(operation.action())).append("</td><td>").append(operation.implemented() ? "yes" : "no")
                    .append("</td><td>").append(operation.required() ? "yes" : "no").append("</td><td class=\"").append(css).append("\">")
                    .append(escape(operation.verdict().label())).append("</td><td>");
            operation.checks().forEach(id -> html.append("<a href=\"#check-").append(escape(id)).append("\">").append(escape(id))
                    .append("</a> "));
            html.append("</td></tr>");
        }
        html.append("</table>");
    }

    /** The traceability matrix: a table per rule family, failing rules first, each linking to its checks' rows and exchanges. */
    private static void rules(StringBuilder html, RunReport report) {
        html.append("<h2>Rules</h2><p id=\"rules-verified\">").append(escape(report.rulesVerified())).append("</p>");
        Map<String, java.util.List<RuleResult>> families = new java.util.LinkedHashMap<>();
        report.rules().stream().sorted(java.util.Comparator.comparing((RuleResult r) -> r.outcome() != RuleResult.Outcome.FAIL)
                        .thenComparing(r -> r.rule().family()))
                .forEach(r -> families.computeIfAbsent(r.rule().family(), f -> new java.util.ArrayList<>()).add(r));
        for (Map.Entry<String, java.util.List<RuleResult>> family : families.entrySet()) {
            html.append("<h3>").append(escape(family.getKey())).append("</h3><table class=\"rules\" data-family=\"")
                    .append(escape(family.getKey())).append("\"><tr><th>rule</th><th>level</th><th>result</th><th>checks</th><th>rule</th></tr>");
            for (RuleResult rule : family.getValue()) {
                String css = switch (rule.outcome()) {
                    case VERIFIED -> "pass";
                    case FAIL -> "fail";
                    case NOT_APPLICABLE, NOT_CHECKED -> "na";
                };
                html.append("<tr class=\"rule\" data-id=\"").append(escape(rule.rule().id())).append("\" data-result=\"").append(css)
                        .append("\"><td>").append(escape(rule.rule().id())).append("</td><td>").append(rule.rule().level())
                        .append("</td><td class=\"").append(css).append("\">").append(escape(rule.outcome().label())).append("</td><td>");
                rule.checks().forEach(id -> html.append("<a href=\"#check-").append(escape(id)).append("\">").append(escape(id)).append("</a> "));
                html.append("</td><td>").append(escape(rule.rule().text()));
                sources(html, rule.rule());
                rule.rule().reason().ifPresent(reason -> html.append("<div class=\"hint\">Why ").append(rule.rule().level())
                        .append(": ").append(escape(reason)).append("</div>"));
                html.append("</td></tr>");
            }
            html.append("</table>");
        }
    }

    /** A rule's sources, each linked where it is a URL, so a failing rule shows what promises it. */
    private static void sources(StringBuilder html, Rule rule) {
        html.append("<div class=\"sources\">Source: ");
        String separator = "";
        for (Source source : rule.sources()) {
            html.append(separator).append("<span class=\"source\" data-kind=\"").append(source.kind().label()).append("\">");
            if (source.where().startsWith("https://")) {
                html.append("<a href=\"").append(escape(source.where())).append("\">").append(escape(source.title())).append("</a>");
            } else {
                html.append(escape(source.title())).append(" (").append(escape(source.where())).append(")");
            }
            html.append("</span>");
            separator = "; ";
        }
        html.append("</div>");
    }

    private static void counts(StringBuilder html, RunReport report) {
        html.append("<h2>Counts</h2><table id=\"counts\"><tr><th></th><th>passed</th><th>failed</th><th>not applicable</th></tr>");
        for (Level level : Level.values()) {
            row(html, "level " + level, report, c -> c.level() == level);
        }
        Map<String, Boolean> groups = new TreeMap<>();
        report.checks().forEach(c -> groups.put(c.group(), true));
        for (String group : groups.keySet()) {
            row(html, group + "-*", report, c -> c.group().equals(group));
        }
        row(html, "all", report, c -> true);
        html.append("</table>");
    }

    private static void row(StringBuilder html, String name, RunReport report, java.util.function.Predicate<CheckResult> which) {
        long passed = report.checks().stream().filter(which).filter(c -> c.outcome() == CheckResult.Outcome.PASS).count();
        long failed = report.checks().stream().filter(which).filter(c -> c.outcome() == CheckResult.Outcome.FAIL).count();
        long na = report.checks().stream().filter(which).filter(c -> c.outcome() == CheckResult.Outcome.NOT_APPLICABLE).count();
        html.append("<tr><th>").append(escape(name)).append("</th><td>").append(passed).append("</td><td>").append(failed)
                .append("</td><td>").append(na).append("</td></tr>");
    }

    /** Signatures, tokens, secrets and Authorization values never reach the report. */
    public static String redact(String text) {
        String redacted = SECRET_PARAMETER.matcher(text).replaceAll("$1=<redacted>");
        return SECRET_HEADER.matcher(redacted).replaceAll("$1$2<redacted>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
