package dev.rca.git;

import java.util.LinkedList;
import java.util.ListIterator;
import java.util.function.ToLongFunction;

/** git's list of commits kept newest first, as its walks that pop the most recent commit keep it. */
public final class DateOrder {
    private DateOrder() {
    }

    /**
     * git's {@code commit_list_insert_by_date}: puts {@code item} after every item at least as recent, so that among
     * equal dates the first inserted comes out first.
     */
    public static <T> void insert(LinkedList<T> list, T item, ToLongFunction<T> date) {
        long when = date.applyAsLong(item);
        ListIterator<T> at = list.listIterator();
        while (at.hasNext()) {
            if (date.applyAsLong(at.next()) < when) {
                at.previous();
                break;
            }
        }
        at.add(item);
    }
}
