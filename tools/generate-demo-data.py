#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes resources/demo/demo-data.json: a fictional shop, two warehouses, a few dozen orders.

Deterministic (fixed seed) so the committed file only changes when this script does.
All people, addresses and phone numbers are invented (555 numbers, example.com mail)."""
import base64, hashlib, json, random, pathlib

random.seed(20261126)

def demo_pin_hash(badge):
    """Demo PIN = the badge's digits (PB-1001 -> 1001), PBKDF2-HMAC-SHA256 as core/packing/pinhash.h
    stores it; the salt is derived from the badge so this file stays deterministic (demo only)."""
    pin = badge.split("-")[1]
    salt = hashlib.sha256(("packbench-demo-" + badge).encode()).digest()[:16]
    derived = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, 120000, 32)
    return "pbkdf2-sha256$120000$%s$%s" % (base64.b64encode(salt).decode(), base64.b64encode(derived).decode())

def upc_check(digits11):
    odd = sum(int(d) for d in digits11[0::2]); even = sum(int(d) for d in digits11[1::2])
    return str((10 - (odd * 3 + even) % 10) % 10)

def ean13_check(digits12):
    s = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits12))
    return str((10 - s % 10) % 10)

catalog = [
    ("Trailhead 28L Daypack", ["Slate", "Moss", "Ember"], 4900),
    ("Ridgeline Rain Shell", ["S", "M", "L", "XL"], 12900),
    ("Merino Crew Sock", ["S", "M", "L"], 1800),
    ("Camp Enamel Mug 12oz", ["White", "Navy"], 1400),
    ("Titanium Spork", [""], 1100),
    ("Headlamp 400 Lumen", [""], 3900),
    ("Insulated Bottle 750ml", ["Glacier", "Charcoal", "Sunset"], 3200),
    ("Packable Down Vest", ["S", "M", "L"], 9900),
    ("Trekking Pole Pair", ["Aluminium", "Carbon"], 8900),
    ("Dry Bag 10L", ["Yellow", "Blue"], 2200),
    ("Compact First Aid Kit", [""], 2700),
    ("Wool Beanie", ["Heather Grey", "Rust"], 2400),
    ("Camp Pillow", [""], 2900),
    ("Water Filter Squeeze", [""], 3700),
    ("Stuff Sack Set (3)", [""], 1900),
    ("Trail Running Gaiter", ["One size"], 2100),
]
products = []
variants = []
vid = 0
for pid, (title, options, price) in enumerate(catalog, start=1):
    products.append({"id": pid, "shopify_id": f"gid://shopify/Product/{800000 + pid}", "title": title, "vendor": "Northwind"})
    for opt in options:
        vid += 1
        sku = "NW-" + "".join(w[0] for w in title.split()[:3]).upper() + f"-{vid:03d}"
        body11 = f"0812345{vid:04d}"
        upc = body11 + upc_check(body11)
        barcodes = [{"kind": "upc", "code": upc}, {"kind": "sku", "code": sku}]
        if vid % 4 == 0:  # some items carry an EAN-13 too (imported stock)
            body12 = f"400638{vid:06d}"
            barcodes.append({"kind": "ean", "code": body12 + ean13_check(body12)})
        variants.append({"id": vid, "product_id": pid, "shopify_id": f"gid://shopify/ProductVariant/{900000 + vid}",
                         "inventory_item_id": f"gid://shopify/InventoryItem/{700000 + vid}",
                         "title": opt, "sku": sku, "weight_grams": random.choice([90, 150, 320, 540, 780, 1100]),
                         "price_minor": price, "barcodes": barcodes,
                         "bin": f"{random.choice('ABCD')}{random.randint(1, 24):02d}-{random.randint(1, 6)}"})

first = ["Ava", "Liam", "Maya", "Noah", "Zoe", "Ethan", "Iris", "Owen", "Lena", "Caleb", "Nora", "Felix", "Ruby", "Theo", "Hana", "Marco"]
last = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Alvarez", "Novak", "Brennan", "Haddad", "Kowalski", "Reyes", "Nguyen", "Schmidt"]
streets = ["Juniper Ave", "Harbor St", "Aspen Ct", "Canyon Rd", "Maple Dr", "Lakeview Blvd", "Orchard Ln", "Summit Way"]
cities = [("Portland", "OR", "97205"), ("Denver", "CO", "80202"), ("Austin", "TX", "78701"), ("Madison", "WI", "53703"),
          ("Asheville", "NC", "28801"), ("Boise", "ID", "83702"), ("Burlington", "VT", "05401"), ("Tucson", "AZ", "85701")]
methods = [("UPS Ground", 0), ("USPS Priority Mail", 0), ("FedEx 2Day", 1), ("UPS Next Day Air", 2)]
notes = ["", "", "", "Please leave at side door.", "Gift - no prices please.", "", "Fragile: mugs inside.", ""]
gifts = ["", "", "", "", "Happy birthday, Sam! Enjoy the trails.", "", "Congrats on the new job!", ""]

orders = []
for n in range(36):
    f, l = random.choice(first), random.choice(last)
    city, state, zipc = random.choice(cities)
    method, priority = random.choice(methods)
    location = "RNO" if n % 3 != 2 else "CMH"
    chosen = random.sample(variants, random.randint(1, 5))
    lines = [{"variant_id": v["id"], "quantity": random.choice([1, 1, 1, 2, 3])} for v in chosen]
    address = {"name": f"{f} {l}", "address1": f"{random.randint(10, 9800)} {random.choice(streets)}",
               "city": city, "province_code": state, "zip": zipc, "country_code": "US",
               "phone": f"+1 555 01{random.randint(0, 99):02d}"}
    orders.append({"shopify_id": f"gid://shopify/Order/{5100000 + n}", "name": f"#{1001 + n}",
                   "customer_name": f"{f} {l}", "email": f"{f.lower()}.{l.lower()}@example.com",
                   "shipping_address": address, "shipping_method": method, "priority": priority,
                   "ship_by_hours": random.choice([2, 4, 6, 8, 24, 30, 48]) if priority == 0 else random.choice([1, 2, 3]),
                   "note": random.choice(notes), "gift_message": random.choice(gifts), "location": location, "lines": lines})

data = {
    "shop": {"domain": "northwind-outfitters.myshopify.com", "name": "Northwind Outfitters", "currency": "USD"},
    "locations": [{"code": "RNO", "name": "Reno Fulfillment Center", "timezone": "America/Los_Angeles",
                   "shopify_id": "gid://shopify/Location/61001"},
                  {"code": "CMH", "name": "Columbus Warehouse", "timezone": "America/New_York",
                   "shopify_id": "gid://shopify/Location/61002"}],
    "packers": [{"badge_id": b, "name": n, "role": r, "pin_hash": demo_pin_hash(b)}
                for b, n, r in [("PB-1001", "Jordan P.", "packer"), ("PB-1002", "Sam K.", "packer"),
                                ("PB-9001", "Alex M.", "lead")]],
    "products": products, "variants": variants, "orders": orders,
}
out = pathlib.Path(__file__).resolve().parent.parent / "resources/demo/demo-data.json"
out.write_text(json.dumps(data, indent=1) + "\n")
print(f"wrote {out}: {len(orders)} orders, {len(variants)} variants")
