package io.learnhub.deploychecks;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metric names referenced by a PromQL expression (or a Grafana Prometheus template query).
 *
 * <p>Not a full parser, but a tokenizer that knows PromQL's lexical structure: string literals,
 * comments, label matchers `{...}`, range/subquery brackets `[...]` and Grafana variables are
 * removed; numbers and durations are skipped; an identifier followed by `(` is a function or an
 * aggregation, one followed by `by`/`without` is an aggregation; the parenthesised label lists
 * after by/without/on/ignoring/group_left/group_right are skipped; keywords and set operators
 * are skipped. What remains are metric names. A selector with only `{__name__=...}` names no
 * metric and is not checked.
 */
final class PromQl {

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "offset", "bool", "and", "or", "unless", "atan2", "inf", "nan", "start", "end", "step", "Inf", "NaN");
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{[^}]*\\}|\\$__[A-Za-z_]+|\\$[A-Za-z_][A-Za-z0-9_]*|\\[\\[[^\\]]*\\]\\]");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);
    private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);
    private static final Pattern OTHER_TEMPLATE_FUNCTION = Pattern.compile("^\\s*(label_names|metrics)\\s*\\(.*", Pattern.DOTALL);

    private PromQl() {
    }

    /** Metric names of a Grafana Prometheus variable query: label_values(selector, label), query_result(expr). */
    static Set<String> metricNamesOfTemplateQuery(String query) {
        Matcher labelValues = LABEL_VALUES.matcher(query);
        if (labelValues.matches()) {
            String args = labelValues.group(1);
            int lastComma = lastTopLevelComma(args);
            return lastComma < 0 ? Set.of() : metricNames(args.substring(0, lastComma));
        }
        Matcher queryResult = QUERY_RESULT.matcher(query);
        if (queryResult.matches()) {
            return metricNames(queryResult.group(1));
        }
        if (OTHER_TEMPLATE_FUNCTION.matcher(query).matches()) {
            return Set.of();
        }
        return metricNames(query);
    }

    private static int lastTopLevelComma(String args) {
        int depth = 0;
        int last = -1;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                last = i;
            }
        }
        return last;
    }

    static Set<String> metricNames(String expression) {
        String text = stripStringsAndComments(expression);
        text = GRAFANA_VARIABLE.matcher(text).replaceAll(" 1 ");
        text = removeBlocks(text, '{', '}');
        text = removeBlocks(text, '[', ']');

        Set<String> names = new LinkedHashSet<>();
        int i = 0;
        int n = text.length();
        boolean skipNextParenGroup = false;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1)))) {
                // number, hex, exponent or duration (5m, 1h30m, 1e3, 0x1F)
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.' || text.charAt(i) == '_'
                        || ((text.charAt(i) == '+' || text.charAt(i) == '-') && (text.charAt(i - 1) == 'e' || text.charAt(i - 1) == 'E')))) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == ':')) {
                    i++;
                }
                String word = text.substring(start, i);
                int next = skipSpaces(text, i);
                if (LABEL_LIST_KEYWORDS.contains(word)) {
                    skipNextParenGroup = true;
                    continue;
                }
                if (KEYWORDS.contains(word)) {
                    continue;
                }
                boolean call = next < n && text.charAt(next) == '(';
                boolean aggregation = startsWithWord(text, next, "by") || startsWithWord(text, next, "without");
                if (!call && !aggregation) {
                    names.add(word);
                }
            } else if (c == '(' && skipNextParenGroup) {
                i = matchingParen(text, i) + 1;
                skipNextParenGroup = false;
            } else {
                skipNextParenGroup = false;
                i++;
            }
        }
        return names;
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean startsWithWord(String text, int i, String word) {
        int end = i + word.length();
        return text.startsWith(word, i) && (end >= text.length() || !(Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'))
                && text.substring(skipSpaces(text, end)).startsWith("(");
    }

    private static int matchingParen(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (text.charAt(i) == '(') {
                depth++;
            } else if (text.charAt(i) == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses in: " + text);
    }

    private static String stripStringsAndComments(String expression) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = expression.length();
        while (i < n) {
            char c = expression.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                char quote = c;
                i++;
                while (i < n && expression.charAt(i) != quote) {
                    if (expression.charAt(i) == '\\' && quote != '`') {
                        i++;
                    }
                    i++;
                }
                i++;
                out.append("\"\"");
            } else if (c == '#') {
                while (i < n && expression.charAt(i) != '\n') {
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String removeBlocks(String text, char open, char close) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == open) {
                depth++;
            } else if (c == close) {
                depth--;
                out.append(' ');
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
