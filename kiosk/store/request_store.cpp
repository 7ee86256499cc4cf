#include "store/request_store.h"

#include "core/status_link.h"

#include <stdexcept>

namespace vsk::store {
namespace {

constexpr const char* kSelect = R"sql(
  SELECT q.id, q.number, q.service_id, q.resident_id, q.anonymous, q.pickup_code, q.claim_code, q.reward_opt_in,
         q.status, q.filed_by_staff_id, q.assignee_staff_id, q.grid_id, q.submitted_at, q.updated_at, q.due_date,
         q.escalation_department, coalesce(r.name, ''), coalesce(s.name, ''), coalesce(g.name, ''),
         (SELECT level FROM request_ratings WHERE request_id = q.id ORDER BY id DESC LIMIT 1)
  FROM requests q
  LEFT JOIN residents r ON r.id = q.resident_id
  LEFT JOIN staff s ON s.id = q.assignee_staff_id
  LEFT JOIN grids g ON g.id = q.grid_id
)sql";

// Terminal and paused statuses are never overdue: the clock does not run in them.
constexpr const char* kOverdue =
    "q.status NOT IN ('completed', 'rejected', 'cancelled') AND q.status != 'waiting_resident' AND q.due_date < ?";

core::RequestStatus parse_status(const std::string& name) {
  const auto s = core::status_from_name(name);
  if (!s) throw std::runtime_error("unknown request status in database: " + name);
  return *s;
}

RequestRecord read_request(const db::Statement& st) {
  RequestRecord r;
  r.id = st.column_int(0);
  r.number = st.column_text(1);
  r.service_id = st.column_text(2);
  r.resident_id = st.column_optional_int(3);
  r.anonymous = st.column_int(4) != 0;
  r.pickup_code = st.column_text(5);
  r.claim_code = st.column_optional_text(6);
  r.reward_opt_in = st.column_int(7) != 0;
  r.status = parse_status(st.column_text(8));
  r.filed_by_staff_id = st.column_optional_int(9);
  r.assignee_staff_id = st.column_optional_int(10);
  r.grid_id = st.column_optional_int(11);
  r.submitted_at = st.column_int(12);
  r.updated_at = st.column_int(13);
  r.due_date = st.column_text(14);
  r.escalation_department = st.column_optional_text(15);
  r.resident_name = st.column_text(16);
  r.assignee_name = st.column_text(17);
  r.grid_name = st.column_text(18);
  if (!st.column_is_null(19)) r.rating = static_cast<int>(st.column_int(19));
  return r;
}

void bind_all(db::Statement& st, const std::vector<std::variant<std::int64_t, std::string>>& args) {
  int i = 0;
  for (const auto& a : args) {
    ++i;
    if (const auto* n = std::get_if<std::int64_t>(&a))
      st.bind(i, *n);
    else
      st.bind(i, std::get<std::string>(a));
  }
}

}  // namespace

std::int64_t RequestStore::insert(db::Transaction& tx, const NewRequest& r) {
  auto st = tx.db().prepare(
      "INSERT INTO requests(number, service_id, resident_id, anonymous, pickup_code, claim_code, reward_opt_in, status,"
      " filed_by_staff_id, grid_id, submitted_at, updated_at, due_date)"
      " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, 'submitted', ?8, ?9, ?10, ?10, ?11)");
  st.bind(1, r.number).bind(2, r.service_id).bind(3, r.resident_id).bind(4, r.anonymous ? 1 : 0);
  st.bind(5, r.pickup_code).bind(6, r.claim_code).bind(7, r.reward_opt_in ? 1 : 0).bind(8, r.filed_by_staff_id);
  st.bind(9, r.grid_id).bind(10, r.at).bind(11, r.due_date).run();
  const std::int64_t id = tx.db().last_insert_rowid();
  for (const auto& [field, value] : r.fields) {
    auto f = tx.db().prepare("INSERT INTO request_fields(request_id, field_id, value_cipher) VALUES(?1, ?2, ?3)");
    f.bind(1, id).bind(2, field).bind_blob(3, cipher_.encrypt(value)).run();
  }
  auto ev = tx.db().prepare(
      "INSERT INTO request_events(request_id, seq, kind, from_status, to_status, at, staff_id, on_behalf, note_cipher)"
      " VALUES(?1, 1, 'submit', NULL, 'submitted', ?2, ?3, ?4, ?5)");
  ev.bind(1, id).bind(2, r.at).bind(3, r.filed_by_staff_id).bind(4, r.filed_by_staff_id ? 1 : 0);
  bind_note(ev, 5, r.note);
  ev.run();
  return id;
}

void RequestStore::append_event(db::Transaction& tx, std::int64_t request_id, const NewEvent& e) {
  auto ev = tx.db().prepare(
      "INSERT INTO request_events(request_id, seq, kind, from_status, to_status, at, staff_id, on_behalf, note_cipher)"
      " VALUES(?1, (SELECT coalesce(max(seq), 0) + 1 FROM request_events WHERE request_id = ?1), ?2, ?3, ?4, ?5, ?6,"
      " ?7, ?8)");
  ev.bind(1, request_id).bind(2, std::string(core::event_name(e.kind))).bind(3, std::string(core::status_name(e.from)));
  ev.bind(4, std::string(core::status_name(e.to))).bind(5, e.at).bind(6, e.staff_id).bind(7, e.on_behalf ? 1 : 0);
  bind_note(ev, 8, e.note);
  ev.run();
  // Optimistic check: the row only changes if nobody moved the request on in between.
  auto up = tx.db().prepare("UPDATE requests SET status = ?2, updated_at = ?3 WHERE id = ?1 AND status = ?4");
  up.bind(1, request_id).bind(2, std::string(core::status_name(e.to))).bind(3, e.at);
  up.bind(4, std::string(core::status_name(e.from))).run();
  if (tx.db().changes() != 1) throw std::runtime_error("request " + std::to_string(request_id) + " is no longer " +
                                                        std::string(core::status_name(e.from)));
}

void RequestStore::set_assignee(db::Transaction& tx, std::int64_t request_id, std::optional<std::int64_t> staff_id) {
  tx.db().prepare("UPDATE requests SET assignee_staff_id = ?2 WHERE id = ?1").bind(1, request_id).bind(2, staff_id).run();
}

void RequestStore::set_escalation_department(db::Transaction& tx, std::int64_t request_id, const std::string& dept) {
  tx.db().prepare("UPDATE requests SET escalation_department = ?2 WHERE id = ?1").bind(1, request_id).bind(2, dept).run();
}

void RequestStore::set_due_date(db::Transaction& tx, std::int64_t request_id, const std::string& due) {
  tx.db().prepare("UPDATE requests SET due_date = ?2 WHERE id = ?1").bind(1, request_id).bind(2, due).run();
}

void RequestStore::add_rating(db::Transaction& tx, std::int64_t request_id, const RatingRecord& r) {
  auto st = tx.db().prepare(
      "INSERT INTO request_ratings(request_id, level, tags, source, staff_id, at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  st.bind(1, request_id).bind(2, r.level).bind(3, r.tags).bind(4, r.source).bind(5, r.staff_id).bind(6, r.at).run();
}

void RequestStore::add_followup(db::Transaction& tx, std::int64_t request_id, const std::string& kind,
                                std::int64_t due_at) {
  tx.db()
      .prepare("INSERT INTO followups(request_id, kind, due_at) VALUES(?1, ?2, ?3)")
      .bind(1, request_id)
      .bind(2, kind)
      .bind(3, due_at)
      .run();
}

int RequestStore::complete_followups(db::Transaction& tx, std::int64_t request_id, std::int64_t staff_id,
                                     std::int64_t at, const std::string& note) {
  auto st = tx.db().prepare(
      "UPDATE followups SET done_at = ?2, staff_id = ?3, note = ?4 WHERE request_id = ?1 AND done_at IS NULL");
  st.bind(1, request_id).bind(2, at).bind(3, staff_id).bind(4, note).run();
  return tx.db().changes();
}

std::vector<RequestRecord> RequestStore::select(const std::string& where_and_order, const std::vector<Arg>& args) {
  auto st = db_.prepare(std::string(kSelect) + where_and_order);
  bind_all(st, args);
  std::vector<RequestRecord> out;
  while (st.step()) out.push_back(read_request(st));
  return out;
}

std::optional<RequestRecord> RequestStore::find(std::int64_t id) {
  auto rows = select(" WHERE q.id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<RequestRecord> RequestStore::find_by_number(const std::string& number) {
  auto rows = select(" WHERE q.number = ?", {number});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<RequestRecord> RequestStore::find_by_claim_code(const std::string& code) {
  auto rows = select(" WHERE q.claim_code = ?", {code});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<RequestRecord> RequestStore::for_resident(std::int64_t resident_id) {
  return select(" WHERE q.resident_id = ? ORDER BY q.submitted_at DESC, q.id DESC", {resident_id});
}

std::vector<RequestEventRecord> RequestStore::events(std::int64_t request_id) {
  auto st = db_.prepare(
      "SELECT e.seq, e.kind, e.from_status, e.to_status, e.at, e.staff_id, coalesce(s.name, ''), e.on_behalf, e.note,"
      " e.note_cipher"
      " FROM request_events e LEFT JOIN staff s ON s.id = e.staff_id WHERE e.request_id = ?1 ORDER BY e.seq");
  st.bind(1, request_id);
  std::vector<RequestEventRecord> out;
  while (st.step()) {
    RequestEventRecord e;
    e.seq = st.column_int(0);
    const auto kind = core::event_from_name(st.column_text(1));
    if (!kind) throw std::runtime_error("unknown request event in database: " + st.column_text(1));
    e.kind = *kind;
    if (!st.column_is_null(2)) e.from = parse_status(st.column_text(2));
    e.to = parse_status(st.column_text(3));
    e.at = st.column_int(4);
    e.staff_id = st.column_optional_int(5);
    e.staff_name = st.column_text(6);
    e.on_behalf = st.column_int(7) != 0;
    const auto sealed = st.column_optional_blob(9);
    e.note = sealed ? cipher_.decrypt(*sealed) : st.column_text(8);
    out.push_back(std::move(e));
  }
  return out;
}

std::map<std::string, std::string> RequestStore::fields(std::int64_t request_id) {
  auto st = db_.prepare("SELECT field_id, value_cipher FROM request_fields WHERE request_id = ?1");
  st.bind(1, request_id);
  std::map<std::string, std::string> out;
  while (st.step()) out[st.column_text(0)] = cipher_.decrypt(st.column_blob(1));
  return out;
}

std::vector<RatingRecord> RequestStore::ratings(std::int64_t request_id) {
  auto st = db_.prepare("SELECT level, tags, source, staff_id, at FROM request_ratings WHERE request_id = ?1 ORDER BY id");
  st.bind(1, request_id);
  std::vector<RatingRecord> out;
  while (st.step())
    out.push_back({static_cast<int>(st.column_int(0)), st.column_text(1), st.column_text(2), st.column_optional_int(3),
                   st.column_int(4)});
  return out;
}

std::int64_t RequestStore::open_followups(std::int64_t request_id) {
  auto st = db_.prepare("SELECT count(*) FROM followups WHERE request_id = ?1 AND done_at IS NULL");
  st.bind(1, request_id);
  st.step();
  return st.column_int(0);
}

std::vector<RequestRecord> RequestStore::queue(const QueueFilter& f) {
  std::string where = " WHERE 1=1";
  std::vector<Arg> args;
  if (f.status) {
    where += " AND q.status = ?";
    args.emplace_back(std::string(core::status_name(*f.status)));
  }
  if (f.service_id) {
    where += " AND q.service_id = ?";
    args.emplace_back(*f.service_id);
  }
  if (f.grid_id) {
    where += " AND q.grid_id = ?";
    args.emplace_back(*f.grid_id);
  }
  if (f.assignee_staff_id) {
    where += " AND q.assignee_staff_id = ?";
    args.emplace_back(*f.assignee_staff_id);
  }
  if (f.followup_only) where += " AND q.id IN (SELECT request_id FROM followups WHERE done_at IS NULL)";
  // Overdue implies open. Same wording as the partial index requests_open_by_due, so SQLite uses it.
  const bool open_only = f.open_only || f.overdue_only;
  if (open_only) where += " AND q.status NOT IN ('completed', 'rejected', 'cancelled')";
  if (f.overdue_only) {
    where += std::string(" AND ") + kOverdue;
    args.emplace_back(f.today);
  }
  // Most urgent first: earliest due date, open before closed (a constant when open_only, so
  // the open-by-due index serves the order and the page).
  where += open_only ? " ORDER BY q.due_date, q.id LIMIT ? OFFSET ?"
                       : " ORDER BY q.status IN ('completed', 'rejected', 'cancelled'), q.due_date, q.id LIMIT ? OFFSET ?";
  args.emplace_back(static_cast<std::int64_t>(f.limit));
  args.emplace_back(static_cast<std::int64_t>(f.offset));
  return select(where, args);
}

QueueCounts RequestStore::counts(const std::string& today) {
  QueueCounts c;
  auto st = db_.prepare("SELECT status, count(*) FROM requests GROUP BY status");
  while (st.step()) {
    const std::int64_t n = st.column_int(1);
    c.by_status[parse_status(st.column_text(0))] = n;
    c.total += n;
  }
  auto od = db_.prepare(std::string("SELECT count(*) FROM requests q WHERE ") + kOverdue);
  od.bind(1, today);
  od.step();
  c.overdue = od.column_int(0);
  auto fu = db_.prepare("SELECT count(DISTINCT request_id) FROM followups WHERE done_at IS NULL");
  fu.step();
  c.followups = fu.column_int(0);
  return c;
}

int RequestStore::last_sequence(const std::string& prefix) {
  auto st = db_.prepare(
      "SELECT coalesce(max(CAST(substr(number, length(?1) + 1) AS INTEGER)), 0) FROM requests"
      " WHERE number >= ?1 AND number < ?1 || ':'");
  st.bind(1, prefix);
  st.step();
  return static_cast<int>(st.column_int(0));
}

std::int64_t RequestStore::count() {
  auto st = db_.prepare("SELECT count(*) FROM requests");
  st.step();
  return st.column_int(0);
}

std::string RequestStore::status_token(const std::string& number) const {
  return core::status_token_from_digest(cipher_.blind_index("vsk:status-token:" + number));
}

core::PinAttemptState RequestStore::track_attempts(const std::string& number) {
  auto st = db_.prepare("SELECT failures, locked_until FROM track_lockouts WHERE number = ?1");
  st.bind(1, number);
  if (!st.step()) return {};
  return {static_cast<int>(st.column_int(0)), st.column_int(1)};
}

void RequestStore::save_track_attempts(db::Transaction& tx, const std::string& number, const core::PinAttemptState& s) {
  if (s.failures == 0 && s.locked_until == 0) {
    tx.db().prepare("DELETE FROM track_lockouts WHERE number = ?1").bind(1, number).run();
    return;
  }
  tx.db()
      .prepare("INSERT INTO track_lockouts(number, failures, locked_until) VALUES (?1, ?2, ?3) "
               "ON CONFLICT(number) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until")
      .bind(1, number).bind(2, s.failures).bind(3, s.locked_until).run();
}

}  // namespace vsk::store
