#!/usr/bin/python3
"""Writes assets/roll/roll-template.xlsx: the empty village roll (村民花名册) for villages that
start from nothing. The ID and phone columns are text cells, so Excel cannot turn ID numbers
into 3.30182E+17. Needs Debian's python3-openpyxl. Run again after changing the columns
(kiosk/residents/roll_columns.cpp, canonical_header)."""
import datetime
import os

import openpyxl
from openpyxl.styles import Alignment, Font

HEADER = ["户号", "姓名", "身份证号", "性别", "民族", "出生日期", "与户主关系", "联系电话", "住址", "网格", "村民小组"]
WIDTHS = [8, 10, 22, 6, 8, 12, 12, 14, 24, 12, 10]
NOTES = [
    "填表说明",
    "1. 每人一行；同一户的人填同一个户号，每户有且只有一个“户主”。",
    "2. 身份证号、联系电话两列已设为文本格式，请直接输入，不要改成数字格式。",
    "3. 出生日期写成 1964-02-03；不填时按身份证号自动得出。",
    "4. 网格名称要与村里已有的网格一致（导入时也可以选择自动新建）。",
    "5. 第一、二行是标题，可以改写；表头（第3行）请勿改动。",
]

wb = openpyxl.Workbook()
wb.properties.created = wb.properties.modified = datetime.datetime(2026, 11, 1)
wb.properties.creator = "Village Service Kiosk"
ws = wb.active
ws.title = "花名册"
ws["A1"] = "__________村村民花名册"
ws["A1"].font = Font(size=16, bold=True)
ws["A1"].alignment = Alignment(horizontal="center")
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
ws["A2"] = "制表人：          制表日期：    年  月  日"
ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADER))
for c, (h, w) in enumerate(zip(HEADER, WIDTHS), start=1):
    cell = ws.cell(3, c, h)
    cell.font = Font(bold=True)
    ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = w
for r in range(4, 2004):  # text format ready for 2,000 residents
    ws.cell(r, 3).number_format = "@"
    ws.cell(r, 8).number_format = "@"
    ws.cell(r, 6).number_format = "yyyy-mm-dd"
ws.freeze_panes = "A4"
notes = wb.create_sheet("填表说明")
for i, line in enumerate(NOTES, start=1):
    notes.cell(i, 1, line)
notes.column_dimensions["A"].width = 80
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "roll", "roll-template.xlsx")
wb.save(out)
print(out)
