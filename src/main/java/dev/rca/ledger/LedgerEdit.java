package dev.rca.ledger;

import dev.rca.RcaException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ledger being edited inside {@link LedgerFile#update}: the ledger as re-read under the lock, and edits
 * that splice new text into the file without touching what a person wrote. Paths are lists of keys (String)
 * and list indexes (Integer), e.g. {@code List.of("bisect", "steps")} or {@code List.of("hypotheses", 2, "status")}.
 */
public final class LedgerEdit {
    private final Ledger ledger;
    private final LedgerDocument document;
    private final Map<ItemKind, Integer> lastNumber = new LinkedHashMap<>();

    LedgerEdit(Ledger ledger, LedgerDocument document) {
        this.ledger = ledger;
        this.document = document;
        // an id removed by hand that an item still names is never given to a new item, which would take its place
        Set<String> taken = new LinkedHashSet<>(ledger.ids());
        taken.addAll(ledger.referencedIds());
        for (String id : taken) {
            ItemKind kind = ItemKind.ofId(id);
            if (kind != null) {
                lastNumber.merge(kind, kind.number(id), Math::max);
            }
        }
    }

    /** The ledger as it was when the lock was taken (before this edit's changes). */
    public Ledger ledger() {
        return ledger;
    }

    LedgerDocument document() {
        return document;
    }

    /**
     * Appends a new numbered item to its section with the next free id (one above the highest of its kind that an
     * item has or is referred to by), written first, and returns the id.
     * {@code fields} must not contain {@code id}; {@code null} values are left out.
     */
    public String addItem(ItemKind kind, Map<String, ?> fields) {
        if (fields.containsKey("id")) {
            throw new IllegalArgumentException("the id is allocated by addItem");
        }
        int number = lastNumber.getOrDefault(kind, 0) + 1;
        lastNumber.put(kind, number);
        String id = String.valueOf(kind.prefix()) + number;
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.putAll(fields);
        document.append(List.of(kind.section()), item);
        return id;
    }

    /** Appends {@code item} (a scalar, list or mapping) to the list at {@code path}, creating the list if needed. */
    public void append(List<Object> path, Object item) {
        document.append(path, item);
    }

    /**
     * Sets the value at {@code path}, creating missing mappings on the way. An existing key keeps its place (and
     * the comments around it); a new key is added at the end of its mapping.
     */
    public void set(List<Object> path, Object value) {
        document.set(path, value);
    }

    /**
     * Sets the top-level {@code key} (e.g. {@code bisect}); a key the ledger lacks goes where the ledger format puts
     * it among the keys the file has, an existing one keeps its place.
     */
    public void setTopLevel(String key, Object value) {
        document.setInOrder(List.of(key), value, LedgerSchema.TOP_LEVEL_KEYS);
    }

    /** Sets the ledger's top-level {@code status} (e.g. {@code published} once the post-mortem is written). */
    public void setStatus(LedgerStatus status) {
        document.set(List.of("status"), status.word());
    }

    /**
     * Sets {@code field} of the item {@code id} (e.g. a hypothesis's {@code status}); a field the item lacks goes where
     * the ledger format puts it (a hypothesis's {@code because} right after its {@code status}).
     */
    public void setItemField(String id, String field, Object value) {
        List<Object> path = itemPath(id, field);
        List<String> order = LedgerSchema.itemKeys(ItemKind.ofId(id));
        if (order.contains(field)) {
            document.setInOrder(path, value, order);
        } else {
            document.set(path, value);
        }
    }

    /**
     * Removes {@code field} of the item {@code id} (e.g. the {@code because} of a hypothesis now confirmed);
     * nothing happens when the item has no such field.
     */
    public void removeItemField(String id, String field) {
        document.remove(itemPath(id, field));
    }

    /** The path of {@code field} in the item with {@code id}, e.g. {@code [hypotheses, 1, status]}. */
    public List<Object> itemPath(String id, String field) {
        ItemKind kind = ItemKind.ofId(id);
        if (kind == null) {
            throw RcaException.usage("'" + id + "' is not a ledger id (S<n>, H<n>, X<n> or E<n>)");
        }
        List<String> ids = switch (kind) {
            case SYMPTOM -> ledger.symptoms().stream().map(Symptom::id).toList();
            case HYPOTHESIS -> ledger.hypotheses().stream().map(Hypothesis::id).toList();
            case EXPERIMENT -> ledger.experiments().stream().map(Experiment::id).toList();
            case EVIDENCE -> ledger.evidence().stream().map(Evidence::id).toList();
        };
        int index = ids.indexOf(id);
        if (index < 0) {
            throw RcaException.badInput("no " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + id + " in "
                + "the ledger" + (ids.isEmpty() ? "" : " (it has " + String.join(", ", ids) + ")"));
        }
        List<Object> path = new ArrayList<>(List.of(kind.section(), index));
        if (field != null) {
            path.add(field);
        }
        return path;
    }
}
