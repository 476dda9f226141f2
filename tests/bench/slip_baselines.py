#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Baselines for the slip benchmark: the same packing slip made with ReportLab (Platypus) and with
WeasyPrint (from Packbench's own rendered HTML). Prints "<wall ms per slip> <cpu ms per slip>".

usage: slip_baselines.py reportlab|weasyprint SLIP.json SLIP.html BARCODE.png COUNT [WARMUP]
"""
import io
import json
import re
import sys
import time


def reportlab_slip(env):
    from reportlab.graphics.barcode import code128
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas as rl_canvas
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    class NumberedCanvas(rl_canvas.Canvas):
        """Two-pass canvas for "Page x of y", as ReportLab's documentation recommends."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self.setFont("Helvetica", 7.5)
                self.setFillColor(colors.HexColor("#555555"))
                self.drawString(14 * mm, 10 * mm, "%s · %s" % (env["order"]["name"], env["shop"]["name"]))
                self.drawRightString(letter[0] - 14 * mm, 10 * mm, "Page %d of %d" % (self._pageNumber, total))
                if self._pageNumber > 1:
                    self.drawString(14 * mm, letter[1] - 10 * mm, env["shop"]["name"])
                    self.drawRightString(letter[0] - 14 * mm, letter[1] - 10 * mm, "%s — continued" % env["order"]["name"])
                super().showPage()
            super().save()

    s = lambda name, **kw: ParagraphStyle(name, fontName=kw.pop("font", "Helvetica"), **kw)
    body = s("body", fontSize=9, leading=11)
    grey = s("grey", fontSize=9, leading=11, textColor=colors.HexColor("#555555"))
    small = s("small", fontSize=7.5, leading=9, textColor=colors.HexColor("#777777"), font="Helvetica-Bold")
    shop_style = s("shop", fontSize=17, leading=20, font="Helvetica-Bold")
    order_style = s("order", fontSize=26, leading=30, font="Helvetica-Bold", alignment=2)
    big = s("big", fontSize=11, leading=14)
    esc = lambda t: (t or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=letter, leftMargin=14 * mm, rightMargin=14 * mm,
                            topMargin=19 * mm, bottomMargin=19 * mm, title="Packing slip")
    story = []
    barcode = code128.Code128(env["order"]["name"], barHeight=14 * mm, barWidth=0.42 * mm, humanReadable=False)
    header = Table([[[Paragraph(esc(env["shop"]["name"]), shop_style), Paragraph(esc(env["shop_address"]["summary"]), grey),
                      Paragraph(esc(env["shop"]["domain"]), grey)],
                     [Paragraph("PACKING SLIP", s("ps", fontSize=8, font="Helvetica-Bold", alignment=2)),
                      Paragraph(esc(env["order"]["name"]), order_style), barcode]]],
                   colWidths=["55%", "45%"])
    header.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                                ("LINEBELOW", (0, 0), (-1, 0), 2, colors.HexColor("#1a1a1a"))]))
    story.append(header)
    ship = env.get("shipping_address") or {}
    ship_lines = [Paragraph("SHIP TO", small), Paragraph("<b>%s</b>" % esc(ship.get("name")), big)]
    for key in ("address1", "address2"):
        if ship.get(key):
            ship_lines.append(Paragraph(esc(ship[key]), big))
    ship_lines.append(Paragraph(esc("%s %s %s" % (ship.get("city", ""), ship.get("province_code", ""), ship.get("zip", ""))), big))
    ship_lines.append(Paragraph(esc(ship.get("country_code")), big))
    facts = Table([[Paragraph("Order date", grey), Paragraph("<b>%s</b>" % env["order"]["created_at"][:10], body)],
                   [Paragraph("Shipping", grey), Paragraph("<b>%s</b>" % esc(env["delivery_method"]["title"]), body)],
                   [Paragraph("Ship by", grey), Paragraph("<b>%s</b>" % env["fulfillment_order"]["ship_by"], body)],
                   [Paragraph("Ships from", grey), Paragraph(esc(env["fulfillment_order"]["location_name"]), body)],
                   [Paragraph("Items", grey), Paragraph("<b>%d</b>" % env["total_items"], body)]], colWidths=["42%", "58%"])
    story.append(Table([[ship_lines, facts]], colWidths=["50%", "50%"], style=[("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(Spacer(1, 4 * mm))
    rows = [["QTY", "ITEM", "SKU", "BIN"]]
    for line in env["line_items_in_shipment"]:
        item = "<b>%s</b>" % esc(line["title"])
        if line.get("variant_title"):
            item += "<br/><font color='#555555'>%s</font>" % esc(line["variant_title"])
        rows.append([Paragraph("<b>%d</b>" % line["quantity"], s("q", fontSize=13, leading=15, alignment=1)),
                     Paragraph(item, body), Paragraph(esc(line["sku"]), s("m", fontSize=9, font="Courier")),
                     Paragraph(esc(line.get("bin_location")), grey)])
    rows.append([Paragraph("<b>%d</b>" % env["total_items"], s("t", fontSize=13, leading=15, alignment=1)),
                 Paragraph("<b>Total items</b>", body), "", ""])
    table = Table(rows, colWidths=["9%", "53%", "26%", "12%"], repeatRows=1)
    style = [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1a1a1a")), ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
             ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"), ("FONTSIZE", (0, 0), (-1, 0), 8),
             ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 1), (-1, -2), 0.5, colors.HexColor("#cccccc"))]
    for i in range(2, len(rows) - 1, 2):
        style.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor("#f1f1f1")))
    table.setStyle(TableStyle(style))
    story.append(table)
    if env["order"].get("gift_message"):
        story.append(Spacer(1, 4 * mm))
        story.append(Table([[[Paragraph("GIFT MESSAGE", small), Paragraph("<i>%s</i>" % esc(env["order"]["gift_message"]), big)]]],
                           colWidths=["100%"], style=[("BOX", (0, 0), (-1, -1), 1, colors.black),
                                                      ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f7f3e8"))]))
    if env["order"].get("note"):
        story.append(Spacer(1, 4 * mm))
        story.append(Table([[[Paragraph("ORDER NOTE", small), Paragraph(esc(env["order"]["note"]), body)]]],
                           colWidths=["100%"], style=[("BOX", (0, 0), (-1, -1), 1, colors.HexColor("#999999"))]))
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph("Thank you for shopping with %s." % esc(env["shop"]["name"]), s("f", fontSize=9, alignment=1)))
    doc.build(story, canvasmaker=NumberedCanvas)
    return buf.getvalue()


def weasyprint_slip(html):
    from weasyprint import HTML
    return HTML(string=html).write_pdf()


def weasy_html(html, order_name, barcode_png):
    import base64
    png = base64.b64encode(open(barcode_png, "rb").read()).decode()
    html = re.sub(r'src="barcode:[^"]*"', 'src="data:image/png;base64,%s"' % png, html)
    page_css = ("<style>@page { size: letter; margin: 19mm 14mm; "
                "@bottom-right { content: 'Page ' counter(page) ' of ' counter(pages); font-size: 7.5pt; } "
                "@bottom-left { content: '%s'; font-size: 7.5pt; } } thead { display: table-header-group; } "
                "tr { page-break-inside: avoid; }</style>" % order_name)
    return html.replace("<html>", "<html><head>%s</head>" % page_css, 1)


def main():
    engine, json_path, html_path, barcode_png = sys.argv[1:5]
    count = int(sys.argv[5])
    warmup = int(sys.argv[6]) if len(sys.argv) > 6 else 3
    env = json.load(open(json_path, encoding="utf-8"))
    if engine == "reportlab":
        make = lambda: reportlab_slip(env)
    else:
        html = weasy_html(open(html_path, encoding="utf-8").read(), env["order"]["name"], barcode_png)
        make = lambda: weasyprint_slip(html)
    for _ in range(warmup):
        assert make().startswith(b"%PDF")
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(count):
        make()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print("%.3f %.3f" % (wall * 1000 / count, cpu * 1000 / count))


if __name__ == "__main__":
    main()
