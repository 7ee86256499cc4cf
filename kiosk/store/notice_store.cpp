#include "store/notice_store.h"

#include <stdexcept>

namespace vsk::store {
namespace {

constexpr const char* kSelect = R"sql(
  SELECT n.id, n.global_id, n.source, n.category, n.created_at, n.current_version, n.published_at,
         n.unpublished_at, n.pinned, v.title, v.body, v.period_start, v.period_end, v.end_date, v.image_path,
         v.edited_at,
         (SELECT count(*) FROM notice_comments c WHERE c.notice_id = n.id),
         (SELECT count(*) FROM notice_comments c WHERE c.notice_id = n.id AND c.handled_at IS NULL)
  FROM notices n JOIN notice_versions v ON v.notice_id = n.id AND v.version = n.current_version
)sql";

core::NoticeCategory parse_category(const std::string& name) {
  const auto c = core::notice_category_from_name(name);
  if (!c) throw std::runtime_error("unknown notice category in database: " + name);
  return *c;
}

}  // namespace

void NoticeStore::insert_version(db::Transaction& tx, std::int64_t id, int version, const core::NoticeContent& c,
                                 std::int64_t at, std::optional<std::int64_t> staff_id) {
  auto st = tx.db().prepare(
      "INSERT INTO notice_versions(notice_id, version, title, body, period_start, period_end, end_date, image_path,"
      " edited_at, staff_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  st.bind(1, id).bind(2, version).bind(3, c.title).bind(4, c.body).bind(5, c.period_start).bind(6, c.period_end);
  st.bind(7, c.end_date).bind(8, c.image_path).bind(9, at).bind(10, staff_id).run();
  int seq = 0;
  for (const core::FinanceRow& r : c.finance_rows) {
    auto row = tx.db().prepare(
        "INSERT INTO notice_finance_rows(notice_id, version, seq, item, amount_fen, income, date)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    row.bind(1, id).bind(2, version).bind(3, ++seq).bind(4, r.item).bind(5, r.amount_fen).bind(6, r.income ? 1 : 0);
    row.bind(7, r.date).run();
  }
}

std::int64_t NoticeStore::insert(db::Transaction& tx, const NewNotice& n, const std::string& id_prefix) {
  // A temporary unique global id until the row id is known (kept when one was given).
  const std::string placeholder = n.global_id.empty() ? "pending:" + std::to_string(n.at) : n.global_id;
  auto st = tx.db().prepare(
      "INSERT INTO notices(global_id, source, category, created_at, current_version) VALUES(?1, ?2, ?3, ?4, 1)");
  st.bind(1, placeholder).bind(2, n.source).bind(3, std::string(core::notice_category_name(n.category)));
  st.bind(4, n.at).run();
  const std::int64_t id = tx.db().last_insert_rowid();
  if (n.global_id.empty()) {
    auto up = tx.db().prepare("UPDATE notices SET global_id = ?2 WHERE id = ?1");
    up.bind(1, id).bind(2, id_prefix + "-N-" + std::to_string(id)).run();
  }
  insert_version(tx, id, 1, n.content, n.at, n.staff_id);
  return id;
}

int NoticeStore::add_version(db::Transaction& tx, std::int64_t id, const core::NoticeContent& c, std::int64_t at,
                             std::optional<std::int64_t> staff_id) {
  int next = 0;
  {
    auto st = tx.db().prepare("SELECT max(version) FROM notice_versions WHERE notice_id = ?1");
    st.bind(1, id);
    if (!st.step() || st.column_is_null(0)) throw std::runtime_error("no such notice: " + std::to_string(id));
    next = static_cast<int>(st.column_int(0)) + 1;
  }
  insert_version(tx, id, next, c, at, staff_id);
  auto up = tx.db().prepare("UPDATE notices SET current_version = ?2 WHERE id = ?1");
  up.bind(1, id).bind(2, next).run();
  return next;
}

void NoticeStore::set_published(db::Transaction& tx, std::int64_t id, std::int64_t at) {
  auto st = tx.db().prepare("UPDATE notices SET published_at = ?2, unpublished_at = NULL WHERE id = ?1");
  st.bind(1, id).bind(2, at).run();
}

void NoticeStore::set_unpublished(db::Transaction& tx, std::int64_t id, std::int64_t at) {
  auto st = tx.db().prepare("UPDATE notices SET unpublished_at = ?2 WHERE id = ?1");
  st.bind(1, id).bind(2, at).run();
}

void NoticeStore::set_pinned(db::Transaction& tx, std::int64_t id, bool pinned) {
  auto st = tx.db().prepare("UPDATE notices SET pinned = ?2 WHERE id = ?1");
  st.bind(1, id).bind(2, pinned ? 1 : 0).run();
}

void NoticeStore::set_category(db::Transaction& tx, std::int64_t id, core::NoticeCategory c) {
  auto st = tx.db().prepare("UPDATE notices SET category = ?2 WHERE id = ?1");
  st.bind(1, id).bind(2, std::string(core::notice_category_name(c))).run();
}

std::vector<core::FinanceRow> NoticeStore::rows_of(std::int64_t id, int version) {
  std::vector<core::FinanceRow> out;
  auto st = db_.prepare(
      "SELECT item, amount_fen, income, date FROM notice_finance_rows WHERE notice_id = ?1 AND version = ?2 ORDER BY seq");
  st.bind(1, id).bind(2, version);
  while (st.step()) out.push_back({st.column_text(0), st.column_int(1), st.column_int(2) != 0, st.column_text(3)});
  return out;
}

std::vector<NoticeRecord> NoticeStore::select(const std::string& where, const std::string& arg) {
  std::vector<NoticeRecord> out;
  {
    auto st = db_.prepare(std::string(kSelect) + where);
    if (!arg.empty()) st.bind(1, arg);
    while (st.step()) {
      NoticeRecord r;
      r.id = st.column_int(0);
      r.global_id = st.column_text(1);
      r.source = st.column_text(2);
      r.category = parse_category(st.column_text(3));
      r.created_at = st.column_int(4);
      r.version = static_cast<int>(st.column_int(5));
      r.times.published_at = st.column_optional_int(6);
      r.times.unpublished_at = st.column_optional_int(7);
      r.pinned = st.column_int(8) != 0;
      r.content.title = st.column_text(9);
      r.content.body = st.column_text(10);
      r.content.period_start = st.column_text(11);
      r.content.period_end = st.column_text(12);
      r.content.end_date = st.column_text(13);
      r.times.end_date = r.content.end_date;
      r.content.image_path = st.column_text(14);
      r.edited_at = st.column_int(15);
      r.comments = st.column_int(16);
      r.open_comments = st.column_int(17);
      out.push_back(std::move(r));
    }
  }
  for (NoticeRecord& r : out) r.content.finance_rows = rows_of(r.id, r.version);
  return out;
}

std::optional<NoticeRecord> NoticeStore::find(std::int64_t id) {
  auto rows = select(" WHERE n.id = ?1", std::to_string(id));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<NoticeRecord> NoticeStore::find_by_global_id(const std::string& global_id) {
  auto rows = select(" WHERE n.global_id = ?1", global_id);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<NoticeRecord> NoticeStore::list() {
  return select(" ORDER BY n.pinned DESC, coalesce(n.published_at, n.created_at) DESC, n.id DESC", "");
}

std::vector<NoticeVersionRecord> NoticeStore::versions(std::int64_t id) {
  std::vector<NoticeVersionRecord> out;
  {
    auto st = db_.prepare(
        "SELECT v.version, v.title, v.body, v.period_start, v.period_end, v.end_date, v.image_path, v.edited_at,"
        " v.staff_id, coalesce(s.name, '') FROM notice_versions v LEFT JOIN staff s ON s.id = v.staff_id"
        " WHERE v.notice_id = ?1 ORDER BY v.version");
    st.bind(1, id);
    while (st.step()) {
      NoticeVersionRecord v;
      v.version = static_cast<int>(st.column_int(0));
      v.content = {st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4),
                   st.column_text(5), st.column_text(6), {}};
      v.edited_at = st.column_int(7);
      v.staff_id = st.column_optional_int(8);
      v.staff_name = st.column_text(9);
      out.push_back(std::move(v));
    }
  }
  for (NoticeVersionRecord& v : out) v.content.finance_rows = rows_of(id, v.version);
  return out;
}

std::vector<std::pair<core::NoticeCategory, std::optional<std::int64_t>>> NoticeStore::last_published() {
  std::vector<std::pair<core::NoticeCategory, std::optional<std::int64_t>>> out;
  auto st = db_.prepare("SELECT category, max(published_at) FROM notices WHERE published_at IS NOT NULL GROUP BY category");
  while (st.step()) out.emplace_back(parse_category(st.column_text(0)), st.column_optional_int(1));
  return out;
}

std::int64_t NoticeStore::add_comment(db::Transaction& tx, std::int64_t notice_id, std::int64_t resident_id,
                                      const std::string& text, std::int64_t at) {
  auto st = tx.db().prepare("INSERT INTO notice_comments(notice_id, resident_id, text, at) VALUES(?1, ?2, ?3, ?4)");
  st.bind(1, notice_id).bind(2, resident_id).bind(3, text).bind(4, at).run();
  return tx.db().last_insert_rowid();
}

namespace {
constexpr const char* kSelectComment =
    "SELECT c.id, c.notice_id, c.resident_id, coalesce(r.name, ''), c.text, c.at, c.handled_at, coalesce(s.name, '')"
    " FROM notice_comments c LEFT JOIN residents r ON r.id = c.resident_id LEFT JOIN staff s ON s.id = c.handled_by ";

NoticeCommentRecord read_comment(const db::Statement& st) {
  NoticeCommentRecord c;
  c.id = st.column_int(0);
  c.notice_id = st.column_int(1);
  c.resident_id = st.column_int(2);
  c.resident_name = st.column_text(3);
  c.text = st.column_text(4);
  c.at = st.column_int(5);
  c.handled_at = st.column_optional_int(6);
  c.handled_by = st.column_text(7);
  return c;
}
}  // namespace

std::vector<NoticeCommentRecord> NoticeStore::comments(std::int64_t notice_id) {
  std::vector<NoticeCommentRecord> out;
  auto st = db_.prepare(std::string(kSelectComment) + "WHERE c.notice_id = ?1 ORDER BY c.id");
  st.bind(1, notice_id);
  while (st.step()) out.push_back(read_comment(st));
  return out;
}

std::optional<NoticeCommentRecord> NoticeStore::find_comment(std::int64_t comment_id) {
  auto st = db_.prepare(std::string(kSelectComment) + "WHERE c.id = ?1");
  st.bind(1, comment_id);
  if (!st.step()) return std::nullopt;
  return read_comment(st);
}

bool NoticeStore::mark_comment_handled(db::Transaction& tx, std::int64_t comment_id, std::int64_t staff_id,
                                       std::int64_t at) {
  auto st = tx.db().prepare(
      "UPDATE notice_comments SET handled_at = ?2, handled_by = ?3 WHERE id = ?1 AND handled_at IS NULL");
  st.bind(1, comment_id).bind(2, at).bind(3, staff_id).run();
  return tx.db().changes() > 0;
}

}  // namespace vsk::store
