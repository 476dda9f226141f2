# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the ~1.3 KB orders/create body the webhook benchmarks send: signed_webhook.lua fills in @ID@ (a distinct
order id) and @NOTE@ (the webhook id) per request, so every delivery is its own row.  usage: order_body.py OUT"""
import json
import sys

items = [{"id": 9000000 + i, "title": f"Widget {i}", "sku": f"W-{i}", "quantity": 1, "fulfillable_quantity": 1,
          "price": "9.99"} for i in range(8)]
order = {"id": "@ID@", "admin_graphql_api_id": "gid://shopify/Order/@ID@", "name": "#@ID@", "note": "@NOTE@",
         "email": "bench@example.com", "updated_at": "2026-11-26T08:00:00Z", "currency": "USD", "total_price": "79.92",
         "line_items": items,
         "shipping_address": {"first_name": "Bench", "last_name": "Mark", "address1": "1 Loop", "city": "Reno",
                              "zip": "89501"}}
with open(sys.argv[1], "w") as out:
    out.write(json.dumps(order).replace('"@ID@"', "@ID@"))
