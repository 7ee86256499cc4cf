#!/bin/sh
# kioskctl export on the demo village: 代办台账, 月度办件统计, 积分月报 and the roll as .xlsx
# (opened by openpyxl and checked cell by cell against kioskctl's own JSON listings) and as
# CSV with a UTF-8 BOM; each export audited. Usage: exports.sh KIOSKCTL DATA_DIR
set -eu
ctl="$1"
data="$2"
rm -rf "$data"
mkdir -p "$data"
"$ctl" --data-dir "$data" seed > /dev/null
# The month the demo's requests fall in most (they are dated relative to today).
"$ctl" --data-dir "$data" requests list --json > "$data/requests.json"
month=$(/usr/bin/python3 -c '
import collections, datetime, json, sys
tz = datetime.timezone(datetime.timedelta(hours=8))
c = collections.Counter(datetime.datetime.fromtimestamp(r["submitted_at"], tz).strftime("%Y-%m") for r in json.load(open(sys.argv[1])))
print(c.most_common(1)[0][0])' "$data/requests.json")
for what in roll daiban requests points; do
  "$ctl" --data-dir "$data" export "$what" --month "$month" "$data/$what.xlsx" > /dev/null
  "$ctl" --data-dir "$data" export "$what" --month "$month" "$data/$what.csv" > /dev/null
  head -c 3 "$data/$what.csv" | od -An -tx1 | grep -q 'ef bb bf'
done
"$ctl" --data-dir "$data" residents list --json > "$data/residents.json"
"$ctl" --data-dir "$data" audit list > "$data/audit.txt"
for target in roll "daiban:$month" "requests:$month" "points:$month"; do
  grep ' export ' "$data/audit.txt" | grep -q " $target " || { echo "export $target not audited"; exit 1; }
done
/usr/bin/python3 - "$data" "$month" <<'PY'
import datetime, json, sys
import openpyxl
data, month = sys.argv[1], sys.argv[2]
year, mon = map(int, month.split("-"))
tz = datetime.timezone(datetime.timedelta(hours=8))
start = datetime.datetime(year, mon, 1, tzinfo=tz).timestamp()
end = datetime.datetime(year + (mon == 12), mon % 12 + 1, 1, tzinfo=tz).timestamp()

def sheet(name):
    ws = openpyxl.load_workbook("%s/%s.xlsx" % (data, name)).active
    assert ws.freeze_panes == "A3", (name, ws.freeze_panes)   # title row + header stay in view
    assert ws.merged_cells.ranges, name                         # the title is merged across
    return ws, [[c.value for c in r] for r in ws.iter_rows()]

# 代办台账: one row per request filed on behalf in the month, in order, with a totals row.
requests = json.load(open(data + "/requests.json"))
on_behalf = sorted((r for r in requests if r["filed_on_behalf"] and start <= r["submitted_at"] < end),
                   key=lambda r: (r["submitted_at"], r["id"]))
ws, rows = sheet("daiban")
assert rows[0][0].startswith("青山村代办台账"), rows[0][0]
assert rows[1] == ["序号", "办件编号", "事项", "申请人", "代办人", "受理时间", "状态", "办结时间", "满意度"], rows[1]
body, totals = rows[2:-1], rows[-1]
assert [r[1] for r in body] == [r["number"] for r in on_behalf], ([r[1] for r in body], on_behalf)
assert [r[0] for r in body] == list(range(1, len(body) + 1))
assert totals[0] == "合计" and totals[1] == "共%d件" % len(body), totals

# 月度办件统计: received per service adds up to the month's requests; totals are the column sums.
ws, rows = sheet("requests")
assert rows[1] == ["事项", "受理", "办结", "按时办结", "超期", "按时办结率", "评价数", "平均满意度"], rows[1]
body, totals = rows[2:-1], rows[-1]
in_month = [r for r in requests if start <= r["submitted_at"] < end]
assert sum(r[1] for r in body) == len(in_month) == totals[1], (sum(r[1] for r in body), len(in_month), totals)
assert len(in_month) > 0
for col in (2, 3, 4, 6):
    assert sum(r[col] for r in body) == totals[col], (col, totals)
assert all(isinstance(r[1], int) for r in body)  # counts are number cells

# 积分月报: grid rows and rule rows each add up to the totals row.
ws, rows = sheet("points")
body, totals = rows[2:-1], rows[-1]
grids = [r for r in body if r[0] == "网格"]
rules = [r for r in body if r[0] == "细则"]
assert grids and rules
for col in (2, 3, 4, 5):
    assert sum(r[col] for r in grids) == totals[col] == sum(r[col] for r in rules), (col, totals)

# The roll: every resident, ID numbers as text cells (never a float), totals counting them.
residents = json.load(open(data + "/residents.json"))
ws, rows = sheet("roll")
assert rows[1] == ["户号", "姓名", "身份证号", "性别", "民族", "出生日期", "与户主关系", "联系电话", "住址", "网格", "村民小组"]
assert len(rows) - 3 == len(residents), (len(rows), len(residents))
for r in range(3, ws.max_row):
    cell = ws.cell(r, 3)
    assert cell.data_type == "s" and len(cell.value) == 18, (r, cell.value, cell.data_type)
    assert cell.number_format == "@"
assert rows[-1][0] == "合计" and rows[-1][1].endswith("%d人" % len(residents)), rows[-1]
print("exports checked:", len(on_behalf), "on behalf,", len(in_month), "requests,", len(residents), "residents")
PY
echo "exports.sh: ok"
