package dev.rca.demo;

import dev.rca.bench.FastImportWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes the {@code git fast-import} stream of the demo repository: a small shop service in Python
 * with a test script, about three hundred commits by six people with topic merges, a rename of
 * {@code shop/discount.py} to {@code shop/pricing.py}, tags {@code v1.0} (good) and {@code v1.3} (bad),
 * and one planted regression: the bulk discount stops applying at exactly ten items.
 *
 * <p>Usage: {@code java -cp rca.jar dev.rca.demo.DemoRepository | git fast-import}
 */
public final class DemoRepository {
    private static final long START = 1_767_225_600L; // 2026-01-01
    private static final String[] PEOPLE = {
        "Dana Kim <dana@shop.example>", "Ravi Patel <ravi@shop.example>", "Lena Vogel <lena@shop.example>",
        "Tomás Ruiz <tomas@shop.example>", "Mei Chen <mei@shop.example>", "Sam Okafor <sam@shop.example>",
    };
    private static final String[] TOPICS = {"inventory", "api", "docs", "log", "tests", "build"};

    private final FastImportWriter writer;
    private final SplittableRandom random = new SplittableRandom(7);
    private final Map<String, String> files = new LinkedHashMap<>();
    private final List<String> skus = new ArrayList<>();
    private final List<String> routes = new ArrayList<>();
    private final List<String> changelog = new ArrayList<>();
    private long clock = START;
    private int tip;
    private boolean renamed;
    private boolean regressed;

    private DemoRepository(OutputStream out) {
        this.writer = new FastImportWriter(out);
    }

    /** Writes the stream to stdout. */
    public static void main(String[] args) throws IOException {
        try (OutputStream out = new BufferedOutputStream(System.out, 1 << 16)) {
            new DemoRepository(out).write();
        }
    }

    private void write() throws IOException {
        files.put("README.md", "# shop\n\nA small checkout service. Run the tests with `sh scripts/test.sh`.\n");
        files.put("scripts/test.sh", "#!/bin/sh\n# Runs the unit tests; exit 0 when they pass.\n"
            + "export PYTHONDONTWRITEBYTECODE=1\n"
            + "cd \"$(dirname \"$0\")/..\" && exec python3 -m unittest -q tests.test_cart tests.test_inventory 2>&1\n");
        files.put("shop/__init__.py", "");
        files.put("shop/discount.py", pricing("discount", ">="));
        files.put("shop/cart.py", cart("discount"));
        files.put("tests/__init__.py", "");
        files.put("tests/test_cart.py", cartTests("discount"));
        skus.add("APPLE");
        files.put("shop/inventory.py", inventory());
        files.put("tests/test_inventory.py", inventoryTests());
        routes.add("/cart");
        files.put("shop/api.py", api());
        tip = commit(0, PEOPLE[0], "Initial checkout service", new LinkedHashMap<>(files));

        for (int i = 1; i < 300; i++) {
            if (i == 60) {
                writer.tag("v1.0", tip);
            }
            if (i == 80) {
                renameDiscountModule();
                continue;
            }
            if (i == 190) {
                plantRegression();
                continue;
            }
            if (i == 260) {
                writer.tag("v1.3", tip);
            }
            if (i % 17 == 5) {
                mergeTopic(i);
                continue;
            }
            Map<String, String> change = routineChange(i);
            tip = commit(tip, person(), routineMessage, change);
        }
    }

    private String routineMessage;

    private Map<String, String> routineChange(int i) {
        Map<String, String> change = new LinkedHashMap<>();
        switch (i % 5) {
            case 0 -> {
                String sku = "SKU-" + (100 + i);
                skus.add(sku);
                change.put("shop/inventory.py", inventory());
                routineMessage = "inventory: stock " + sku + " in the default warehouse";
            }
            case 1 -> {
                changelog.add("- " + (i % 2 == 0 ? "Faster" : "Clearer") + " checkout step " + i);
                change.put("CHANGELOG.md", "# Changelog\n\n" + String.join("\n", changelog) + "\n");
                routineMessage = "changelog: note checkout step " + i;
            }
            case 2 -> {
                String route = "/v1/items/" + i;
                routes.add(route);
                change.put("shop/api.py", api());
                routineMessage = "api: serve " + route;
            }
            case 3 -> {
                change.put("docs/operations.md", "# Operations\n\nRestart with `shop restart`. Revision " + i + ".\n"
                    + "Request ids are logged with every line since revision " + (i / 2) + ".\n");
                routineMessage = "docs: update operations notes (" + i + ")";
            }
            default -> {
                change.put("tests/test_inventory.py", inventoryTests());
                routineMessage = "tests: cover stock for " + skus.size() + " skus";
            }
        }
        files.putAll(change);
        return change;
    }

    private void mergeTopic(int i) throws IOException {
        String topic = TOPICS[(i / 17) % TOPICS.length];
        String ref = "refs/heads/" + topic;
        Map<String, String> brought = new LinkedHashMap<>();
        int topicTip = tip;
        for (int k = 0; k < 2; k++) {
            Map<String, String> change = routineChange(i * 10 + k + 1);
            brought.putAll(change);
            topicTip = commit(topicTip, ref, person(), topic + ": " + routineMessage.substring(routineMessage.indexOf(':') + 2), change);
        }
        tip = writer.commit("refs/heads/main", tip, List.of(topicTip), person(), tick(),
            "Merge branch '" + topic + "'", brought);
        writer.deleteRef(ref);
    }

    private void renameDiscountModule() throws IOException {
        Map<String, String> change = new LinkedHashMap<>();
        change.put(FastImportWriter.RENAME, "shop/discount.py\0shop/pricing.py");
        files.remove("shop/discount.py");
        files.put("shop/pricing.py", pricing("pricing", ">="));
        change.put("shop/cart.py", cart("pricing"));
        change.put("tests/test_cart.py", cartTests("pricing"));
        files.putAll(change);
        files.remove(FastImportWriter.RENAME);
        renamed = true;
        tip = commit(tip, PEOPLE[2], "pricing: rename shop.discount to shop.pricing\n\n"
            + "The module now holds every price rule, not only discounts.", change);
    }

    private void plantRegression() throws IOException {
        regressed = true;
        Map<String, String> change = new LinkedHashMap<>();
        change.put("shop/pricing.py", pricing("pricing", ">"));
        files.putAll(change);
        tip = commit(tip, PEOPLE[3], "pricing: tidy bulk threshold check\n\n"
            + "Use one comparison for the bulk rule and name the rate.", change);
    }

    private int commit(int parent, String who, String message, Map<String, String> change) throws IOException {
        return commit(parent, "refs/heads/main", who, message, change);
    }

    private int commit(int parent, String ref, String who, String message, Map<String, String> change)
            throws IOException {
        return writer.commit(ref, parent, List.of(), who, tick(), message, change);
    }

    private long tick() {
        clock += 1800 + random.nextInt(5 * 3600);
        return clock;
    }

    private String person() {
        return PEOPLE[1 + random.nextInt(PEOPLE.length - 1)];
    }

    private String pricing(String module, String comparison) {
        String rule = comparison.equals(">=")
            ? "    if quantity >= BULK_THRESHOLD:\n"
            : "    if quantity > BULK_THRESHOLD:\n";
        return "\"\"\"Price rules for the cart (" + module + " module).\"\"\"\n\n"
            + "BULK_THRESHOLD = 10\n"
            + (regressed ? "BULK_RATE_PERCENT = 5  # named in the tidy-up\n" : "BULK_RATE_PERCENT = 5\n")
            + "\n\n"
            + "def discounted_total(subtotal_cents, quantity):\n"
            + "    \"\"\"Total after the bulk discount, in cents, rounded half up.\"\"\"\n"
            + rule
            + "        return subtotal_cents - (subtotal_cents * BULK_RATE_PERCENT + 50) // 100\n"
            + "    return subtotal_cents\n";
    }

    private static String cart(String module) {
        return "from shop." + module + " import discounted_total\n\n\n"
            + "class Cart:\n"
            + "    def __init__(self):\n"
            + "        self.items = []\n\n"
            + "    def add(self, sku, price_cents, quantity=1):\n"
            + "        self.items.append((sku, price_cents, quantity))\n\n"
            + "    def quantity(self):\n"
            + "        return sum(q for _, _, q in self.items)\n\n"
            + "    def subtotal_cents(self):\n"
            + "        return sum(p * q for _, p, q in self.items)\n\n"
            + "    def total_cents(self):\n"
            + "        return discounted_total(self.subtotal_cents(), self.quantity())\n";
    }

    private static String cartTests(String module) {
        return "import unittest\n\nfrom shop.cart import Cart\n\n\n"
            + "class CartTest(unittest.TestCase):\n"
            + "    def test_small_cart_pays_full_price(self):\n"
            + "        cart = Cart()\n"
            + "        cart.add('APPLE', 1000, 3)\n"
            + "        self.assertEqual(3000, cart.total_cents())\n\n"
            + "    def test_bulk_discount_at_threshold(self):\n"
            + "        cart = Cart()\n"
            + "        cart.add('APPLE', 1000, 10)\n"
            + "        self.assertEqual(9500, cart.total_cents())\n\n"
            + "    def test_bulk_discount_above_threshold(self):\n"
            + "        cart = Cart()\n"
            + "        cart.add('APPLE', 1000, 12)\n"
            + "        self.assertEqual(11400, cart.total_cents())\n";
    }

    private String inventory() {
        StringBuilder sb = new StringBuilder("\"\"\"Stock levels per SKU.\"\"\"\n\nSTOCK = {\n");
        for (String sku : skus) {
            sb.append("    '").append(sku).append("': ").append(5 + Math.abs(sku.hashCode() % 40)).append(",\n");
        }
        return sb.append("}\n\n\ndef in_stock(sku, quantity=1):\n    return STOCK.get(sku, 0) >= quantity\n").toString();
    }

    private String inventoryTests() {
        return "import unittest\n\nfrom shop.inventory import STOCK, in_stock\n\n\n"
            + "class InventoryTest(unittest.TestCase):\n"
            + "    def test_every_sku_has_stock(self):\n"
            + "        self.assertGreaterEqual(len(STOCK), " + skus.size() + ")\n"
            + "        for sku in STOCK:\n"
            + "            self.assertTrue(in_stock(sku))\n";
    }

    private String api() {
        StringBuilder sb = new StringBuilder("\"\"\"HTTP routes of the shop.\"\"\"\n\nROUTES = [\n");
        for (String route : routes) {
            sb.append("    '").append(route).append("',\n");
        }
        return sb.append("]\n").toString();
    }
}
