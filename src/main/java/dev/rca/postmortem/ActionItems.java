package dev.rca.postmortem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;

/**
 * The {@code action-item-owner} rule: every action item, as a list item or a table row, names an owner
 * and a tracking reference, unless the section states that there are none.
 */
final class ActionItems {
    private static final Pattern NO_ACTION_ITEMS = Pattern.compile(
        "\\s*(?:none|nothing|no\\s+(?:further\\s+)?(?:follow-?ups?|action\\s+items?|actions?))(?![\\p{L}\\p{N}_]).*",
        Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** What stands in for an owner or a tracking reference without being one: "owner: TBD" owns nothing. */
    private static final String PLACEHOLDER =
        "(?:tbd|tbc|tba|todo|n/?a|none|nobody|no-one|unknown|unassigned|later|someone|\\?+)(?![\\p{L}\\p{N}_])";
    private static final Pattern PLACEHOLDER_ONLY = Pattern.compile("\\s*" + PLACEHOLDER + "\\s*",
        Pattern.CASE_INSENSITIVE);
    private static final Pattern OWNER = Pattern.compile("\\bowners?\\s*[:=]\\s*(?!" + PLACEHOLDER + ")[^\\s,;)]"
        + "|\\bowned\\s+by\\s+(?!" + PLACEHOLDER + ")\\S|(?<![\\w.])@[A-Za-z][\\w-]*", Pattern.CASE_INSENSITIVE);
    private static final String TRACKING_REFERENCE = "\\b[A-Z][A-Z0-9_]*-\\d+\\b|(?<![\\w&])[#!]\\d+\\b|https?://\\S+";
    private static final Pattern KEY_TRACKING = Pattern.compile(TRACKING_REFERENCE);
    private static final Pattern TRACKING = Pattern.compile(
        "(?i:\\b(?:tracking|ticket|tracked\\s+(?:in|by|as)|issue|pr|mr)\\s*[:=]\\s*(?!" + PLACEHOLDER + ")[^\\s,;)])|"
            + TRACKING_REFERENCE);
    /** The seed's short form: {@code (Owner, TRACKING-1)}. */
    private static final Pattern OWNER_THEN_TRACKING = Pattern.compile("\\(([^(),;]+?)\\s*(?:,|;|\\s[—–-]\\s)([^()]+)\\)");

    /** One action item (or the whole section) that falls short. */
    record Problem(Node at, String message) {
    }

    private ActionItems() {
    }

    /** The problems of the Action items section headed by {@code heading} with {@code blocks} under it. */
    static List<Problem> check(Node heading, List<Node> blocks) {
        List<Problem> problems = new ArrayList<>();
        boolean listed = false;
        for (Node block : blocks) {
            if (block instanceof ListBlock list) {
                listed = true;
                for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                    checkItem(problems, item, PostmortemLinter.plainText(item));
                }
            } else if (block instanceof TableBlock table) {
                listed = true;
                checkTable(problems, table);
            } else if (block instanceof Paragraph p
                && NO_ACTION_ITEMS.matcher(PostmortemLinter.plainText(p)).matches()) {
                listed = true;
            }
        }
        if (!listed) {
            problems.add(new Problem(heading, "no action items listed: give each one as a"
                + " list item with an owner and a tracking reference, or write 'None — …'"));
        }
        return problems;
    }

    private static void checkItem(List<Problem> problems, Node at, String text) {
        boolean owner = OWNER.matcher(text).find();
        boolean tracking = TRACKING.matcher(text).find();
        Matcher pair = OWNER_THEN_TRACKING.matcher(text);
        while (!owner && pair.find()) {
            String who = pair.group(1).replaceFirst("(?i)^\\s*owners?\\s*[:=]\\s*", "");
            if (!KEY_TRACKING.matcher(who).find() && !PLACEHOLDER_ONLY.matcher(who).matches()
                && KEY_TRACKING.matcher(pair.group(2)).find()) {
                owner = true;
            }
        }
        String missing = !owner && !tracking ? "neither an owner nor a tracking reference"
            : !owner ? "no owner" : !tracking ? "no tracking reference" : null;
        if (missing != null) {
            problems.add(new Problem(at, "action item has " + missing
                + "; add e.g. '(owner: Payments team, tracking: PAY-143)'"));
        }
    }

    /** A table cell that names someone or something: not blank, not a placeholder such as TBD. */
    private static boolean named(String cell) {
        return !cell.isBlank() && !PLACEHOLDER_ONLY.matcher(cell).matches();
    }

    private static void checkTable(List<Problem> problems, TableBlock table) {
        int ownerColumn = -1;
        int trackingColumn = -1;
        List<TableRow> rows = new ArrayList<>();
        for (Node part = table.getFirstChild(); part != null; part = part.getNext()) {
            for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
                if (part instanceof TableHead) {
                    int index = 0;
                    for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext(), index++) {
                        String header = PostmortemLinter.plainText(cell).toLowerCase(Locale.ROOT);
                        if (header.contains("owner")) {
                            ownerColumn = index;
                        } else if (header.matches(".*(track|ticket|issue|link|ref).*")) {
                            trackingColumn = index;
                        }
                    }
                } else if (part instanceof TableBody && row instanceof TableRow r) {
                    rows.add(r);
                }
            }
        }
        for (TableRow row : rows) {
            if (ownerColumn < 0 || trackingColumn < 0) {
                checkItem(problems, row, PostmortemLinter.plainText(row));
                continue;
            }
            List<Node> cells = new ArrayList<>();
            for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                cells.add(cell);
            }
            boolean owner = ownerColumn < cells.size() && named(PostmortemLinter.plainText(cells.get(ownerColumn)));
            boolean tracking = trackingColumn < cells.size()
                && named(PostmortemLinter.plainText(cells.get(trackingColumn)));
            if (!owner || !tracking) {
                problems.add(new Problem(row, "action item has "
                    + (!owner && !tracking ? "neither an owner nor a tracking reference"
                    : !owner ? "no owner" : "no tracking reference")));
            }
        }
    }

}
