#include "store/schema.h"

#include <utility>

#include "core/id_number.h"
#include "store/notice_schema.h"
#include "store/roll_schema.h"

namespace vsk::store {
namespace {

// v1: the village itself — grids, 联户 groups, households, residents, staff, settings.
void v1_village(db::Transaction& tx) {
  tx.db().exec(R"sql(
    CREATE TABLE settings(
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL);
    CREATE TABLE grids(
      id   INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE);
    CREATE TABLE households(
      id       INTEGER PRIMARY KEY,
      grid_id  INTEGER NOT NULL REFERENCES grids(id),
      group_id INTEGER REFERENCES household_groups(id),
      address  TEXT NOT NULL);
    CREATE TABLE residents(
      id           INTEGER PRIMARY KEY,
      household_id INTEGER NOT NULL REFERENCES households(id),
      name         TEXT NOT NULL,
      id_number    TEXT NOT NULL UNIQUE,
      gender       TEXT NOT NULL CHECK (gender IN ('M', 'F')),
      birth_date   TEXT NOT NULL,
      phone        TEXT,
      relation     TEXT NOT NULL,
      is_head      INTEGER NOT NULL DEFAULT 0,
      pin_hash     TEXT);
    CREATE INDEX residents_household ON residents(household_id);
    -- A 联户 group links about ten households under one resident, the 联户长.
    CREATE TABLE household_groups(
      id                 INTEGER PRIMARY KEY,
      grid_id            INTEGER NOT NULL REFERENCES grids(id),
      leader_resident_id INTEGER REFERENCES residents(id));
    CREATE TABLE staff(
      id       INTEGER PRIMARY KEY,
      staff_no TEXT NOT NULL UNIQUE,
      name     TEXT NOT NULL,
      role     TEXT NOT NULL CHECK (role IN ('admin', 'clerk', 'grid_worker', 'volunteer')),
      grid_id  INTEGER REFERENCES grids(id),
      pin_hash TEXT);
  )sql");
}

// v2: wrong-PIN counting survives restarts, so pulling the plug does not reset a lockout.
void v2_pin_lockout(db::Transaction& tx) {
  tx.db().exec(R"sql(
    ALTER TABLE residents ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE residents ADD COLUMN pin_locked_until INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE staff ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE staff ADD COLUMN pin_locked_until INTEGER NOT NULL DEFAULT 0;
  )sql");
}

// v3: service requests. The event log is append-only (triggers refuse UPDATE and DELETE);
// requests.status and due_date are kept consistent with it in the same transaction.
void v3_requests(db::Transaction& tx) {
  tx.db().exec(R"sql(
    CREATE TABLE requests(
      id                    INTEGER PRIMARY KEY,
      number                TEXT NOT NULL UNIQUE,   -- receipt number, e.g. QS1-1123-017
      service_id            TEXT NOT NULL,
      resident_id           INTEGER REFERENCES residents(id),  -- NULL when filed anonymously
      anonymous             INTEGER NOT NULL DEFAULT 0,
      pickup_code           TEXT NOT NULL,
      claim_code            TEXT UNIQUE,            -- rewarded anonymous reports only
      reward_opt_in         INTEGER NOT NULL DEFAULT 0,
      status                TEXT NOT NULL,
      filed_by_staff_id     INTEGER REFERENCES staff(id),      -- 代办: filed by staff for the resident
      assignee_staff_id     INTEGER REFERENCES staff(id),
      grid_id               INTEGER REFERENCES grids(id),
      submitted_at          INTEGER NOT NULL,
      updated_at            INTEGER NOT NULL,
      due_date              TEXT NOT NULL,          -- YYYY-MM-DD, from the working-day SLA
      escalation_department TEXT,
      CHECK (anonymous = 0 OR resident_id IS NULL));
    CREATE INDEX requests_queue ON requests(status, due_date);
    -- The staff queue walks open requests in due-date order and stops after one page.
    CREATE INDEX requests_open_by_due ON requests(due_date, id)
      WHERE status NOT IN ('completed', 'rejected', 'cancelled');
    CREATE INDEX requests_resident ON requests(resident_id);
    CREATE INDEX requests_service ON requests(service_id);
    CREATE INDEX requests_grid ON requests(grid_id);
    CREATE TABLE request_fields(
      request_id INTEGER NOT NULL REFERENCES requests(id),
      field_id   TEXT NOT NULL,
      value      TEXT NOT NULL,
      PRIMARY KEY (request_id, field_id));
    CREATE TABLE request_events(
      id          INTEGER PRIMARY KEY,
      request_id  INTEGER NOT NULL REFERENCES requests(id),
      seq         INTEGER NOT NULL,
      kind        TEXT NOT NULL,
      from_status TEXT,
      to_status   TEXT NOT NULL,
      at          INTEGER NOT NULL,
      staff_id    INTEGER REFERENCES staff(id),
      on_behalf   INTEGER NOT NULL DEFAULT 0,
      note        TEXT NOT NULL DEFAULT '',
      UNIQUE (request_id, seq));
    CREATE TRIGGER request_events_append_only_u BEFORE UPDATE ON request_events
      BEGIN SELECT RAISE(ABORT, 'request events are append-only'); END;
    CREATE TRIGGER request_events_append_only_d BEFORE DELETE ON request_events
      BEGIN SELECT RAISE(ABORT, 'request events are append-only'); END;
    CREATE TABLE request_ratings(
      id         INTEGER PRIMARY KEY,
      request_id INTEGER NOT NULL REFERENCES requests(id),
      level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),  -- 5 非常满意 ... 1 非常不满意
      tags       TEXT NOT NULL DEFAULT '',
      source     TEXT NOT NULL CHECK (source IN ('kiosk', 'staff_phone', 'staff_in_person')),
      staff_id   INTEGER REFERENCES staff(id),
      at         INTEGER NOT NULL);
    CREATE INDEX request_ratings_request ON request_ratings(request_id);
    CREATE TABLE followups(
      id         INTEGER PRIMARY KEY,
      request_id INTEGER NOT NULL REFERENCES requests(id),
      kind       TEXT NOT NULL,            -- 'bad_rating_callback'
      due_at     INTEGER NOT NULL,
      done_at    INTEGER,
      staff_id   INTEGER REFERENCES staff(id),
      note       TEXT NOT NULL DEFAULT '');
  )sql");
}

// v4: the audit trail of staff actions, hash-chained (core/audit_chain.h) and append-only
// (triggers refuse UPDATE and DELETE). No personal data: residents by internal id, requests by number.
void v4_audit(db::Transaction& tx) {
  tx.db().exec(R"sql(
    CREATE TABLE audit_log(
      seq       INTEGER PRIMARY KEY,
      at        INTEGER NOT NULL,
      staff_id  INTEGER REFERENCES staff(id),
      actor     TEXT NOT NULL,              -- staff number, or 'system' / 'kioskctl'
      action    TEXT NOT NULL,
      target    TEXT NOT NULL DEFAULT '',
      detail    TEXT NOT NULL DEFAULT '',
      prev_hash TEXT NOT NULL,
      hash      TEXT NOT NULL);
    CREATE TRIGGER audit_log_append_only_u BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_append_only_d BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  )sql");
}

// ---- v5 helpers: SQLite's table rebuild (lang_altertable.html, section 7) ----

std::vector<std::string> table_columns(db::Database& db, const std::string& table) {
  auto st = db.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid");
  st.bind(1, table);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.column_text(0));
  return out;
}

// The rebuild below spells out every column; a column added by another migration would be
// lost silently, so refuse instead and make whoever added it extend the rebuild.
void expect_columns(db::Database& db, const std::string& table, const std::vector<std::string>& expected) {
  const std::vector<std::string> got = table_columns(db, table);
  if (got == expected) return;
  std::string list;
  for (const auto& c : got) list += (list.empty() ? "" : ", ") + c;
  throw db::DbError(1, "v5 does not know the columns of " + table + " (" + list + "); extend v5_encrypt_pii");
}

// The explicit indexes and triggers of `table` (autoindexes of UNIQUE columns have no SQL and
// are rebuilt by the new table's own constraints). DROP TABLE drops them with the table.
std::vector<std::string> table_schema_objects(db::Database& db, const std::string& table) {
  auto st = db.prepare(
      "SELECT sql FROM sqlite_master WHERE tbl_name = ?1 AND type IN ('index', 'trigger') AND sql IS NOT NULL "
      "ORDER BY type, name");
  st.bind(1, table);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.column_text(0));
  return out;
}

// Drops `table`, renames `rebuilt` to it and recreates its indexes and triggers. Foreign keys
// are off during this migration (Migration::rebuilds_tables), so the tables that reference
// `table` keep pointing at the name and find the rebuilt table behind it.
void replace_table(db::Database& db, const std::string& table, const std::string& rebuilt) {
  const std::vector<std::string> objects = table_schema_objects(db, table);
  db.exec("DROP TABLE " + table);
  db.exec("ALTER TABLE " + rebuilt + " RENAME TO " + table);
  for (const std::string& sql : objects) db.exec(sql);
}

// v5: ID numbers, phone numbers and every request form value are encrypted at rest (issue 7).
// residents.id_number and .phone become id_cipher and phone_cipher (platform/pii_cipher.h),
// plus id_index, a keyed hash of the normalized ID number that stays UNIQUE and finds a
// resident without the number. The UNIQUE id_number column cannot be dropped, so residents
// is rebuilt; request_fields too. With secure_delete on (db::Database) the pages that held
// the plaintext are zeroed when the old tables are dropped.
void v5_encrypt_pii(db::Transaction& tx, const platform::PiiCipher& cipher) {
  db::Database& db = tx.db();
  expect_columns(db, "residents",
                 {"id", "household_id", "name", "id_number", "gender", "birth_date", "phone", "relation", "is_head",
                  "pin_hash", "pin_failures", "pin_locked_until"});
  expect_columns(db, "request_fields", {"request_id", "field_id", "value"});

  db.exec(R"sql(
    CREATE TABLE residents_v5(
      id               INTEGER PRIMARY KEY,
      household_id     INTEGER NOT NULL REFERENCES households(id),
      name             TEXT NOT NULL,
      id_cipher        BLOB NOT NULL,         -- the ID number, encrypted
      id_index         BLOB NOT NULL UNIQUE,  -- blind index of the normalized ID number
      gender           TEXT NOT NULL CHECK (gender IN ('M', 'F')),
      birth_date       TEXT NOT NULL,
      phone_cipher     BLOB,                  -- the phone number, encrypted; NULL: none
      relation         TEXT NOT NULL,
      is_head          INTEGER NOT NULL DEFAULT 0,
      pin_hash         TEXT,
      pin_failures     INTEGER NOT NULL DEFAULT 0,
      pin_locked_until INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE request_fields_v5(
      request_id   INTEGER NOT NULL REFERENCES requests(id),
      field_id     TEXT NOT NULL,
      value_cipher BLOB NOT NULL,             -- every form value, encrypted: some are phone numbers
      PRIMARY KEY (request_id, field_id));
  )sql");

  struct PlainResident {
    std::int64_t id;
    std::string id_number;
    std::optional<std::string> phone;
  };
  std::vector<PlainResident> residents;
  {
    auto st = db.prepare("SELECT id, id_number, phone FROM residents ORDER BY id");
    while (st.step()) residents.push_back({st.column_int(0), st.column_text(1), st.column_optional_text(2)});
  }
  for (const PlainResident& r : residents) {
    const std::string id_number = core::normalize_id_number(r.id_number);
    auto ins = db.prepare(
        "INSERT INTO residents_v5(id, household_id, name, id_cipher, id_index, gender, birth_date, phone_cipher,"
        " relation, is_head, pin_hash, pin_failures, pin_locked_until)"
        " SELECT id, household_id, name, ?2, ?3, gender, birth_date, ?4, relation, is_head, pin_hash, pin_failures,"
        " pin_locked_until FROM residents WHERE id = ?1");
    ins.bind(1, r.id).bind_blob(2, cipher.encrypt(id_number)).bind_blob(3, cipher.blind_index(id_number));
    if (r.phone && !r.phone->empty())
      ins.bind_blob(4, cipher.encrypt(*r.phone));
    else
      ins.bind_null(4);
    ins.run();
  }

  struct PlainField {
    std::int64_t request_id;
    std::string field_id;
    std::string value;
  };
  std::vector<PlainField> fields;
  {
    auto st = db.prepare("SELECT request_id, field_id, value FROM request_fields ORDER BY request_id, field_id");
    while (st.step()) fields.push_back({st.column_int(0), st.column_text(1), st.column_text(2)});
  }
  for (const PlainField& f : fields) {
    auto ins = db.prepare("INSERT INTO request_fields_v5(request_id, field_id, value_cipher) VALUES(?1, ?2, ?3)");
    ins.bind(1, f.request_id).bind(2, f.field_id).bind_blob(3, cipher.encrypt(f.value)).run();
  }

  replace_table(db, "residents", "residents_v5");
  replace_table(db, "request_fields", "request_fields_v5");

  // Lets a later start tell a wrong key file from the right one before it reads anything.
  auto check = db.prepare("INSERT OR REPLACE INTO settings(key, value) VALUES(?1, ?2)");
  check.bind(1, kPiiKeyCheckSetting).bind(2, pii_key_check(cipher)).run();
}

// v6: the points system (issue 4). The ledger is append-only and hash-chained (core/points.h);
// what happens to an entry later (approval, objections, their resolution, redemption pick-up
// or cancellation) is appended to its own append-only table, never written into the entry.
// points_*_totals and points_unsettled are derived, kept in step in the same transaction as
// the entries (like requests.status), so a balance and a rank are index look-ups.
void append_only(db::Database& db, const std::string& table) {
  db.exec("CREATE TRIGGER " + table + "_append_only_u BEFORE UPDATE ON " + table +
          " BEGIN SELECT RAISE(ABORT, '" + table + " is append-only'); END;"
          "CREATE TRIGGER " + table + "_append_only_d BEFORE DELETE ON " + table +
          " BEGIN SELECT RAISE(ABORT, '" + table + " is append-only'); END;");
}

void v6_points(db::Transaction& tx) {
  db::Database& db = tx.db();
  db.exec(R"sql(
    CREATE TABLE points_ledger(
      seq            INTEGER PRIMARY KEY,
      at             INTEGER NOT NULL,
      household_id   INTEGER NOT NULL REFERENCES households(id),
      resident_id    INTEGER REFERENCES residents(id),   -- person entries
      rule_id        TEXT NOT NULL DEFAULT '',
      kind           TEXT NOT NULL CHECK (kind IN ('rule', 'reversal', 'redemption', 'external')),
      delta          INTEGER NOT NULL,
      reverses       INTEGER REFERENCES points_ledger(seq),
      reason         TEXT NOT NULL DEFAULT '',
      evidence       TEXT NOT NULL DEFAULT '',
      staff_id       INTEGER REFERENCES staff(id),
      needs_approval INTEGER NOT NULL DEFAULT 0,
      origin         TEXT NOT NULL DEFAULT 'kiosk',
      prev_hash      TEXT NOT NULL,
      hash           TEXT NOT NULL,
      CHECK (kind <> 'reversal' OR reverses IS NOT NULL));
    CREATE INDEX points_ledger_household ON points_ledger(household_id, seq);
    CREATE INDEX points_ledger_resident ON points_ledger(resident_id, seq) WHERE resident_id IS NOT NULL;
    CREATE INDEX points_ledger_rule_month ON points_ledger(household_id, rule_id, at);
    CREATE UNIQUE INDEX points_ledger_one_reversal ON points_ledger(reverses) WHERE reverses IS NOT NULL;
    CREATE TABLE points_approvals(
      id        INTEGER PRIMARY KEY,
      entry_seq INTEGER NOT NULL UNIQUE REFERENCES points_ledger(seq),
      decision  TEXT NOT NULL CHECK (decision IN ('approved', 'refused')),
      staff_id  INTEGER NOT NULL REFERENCES staff(id),
      reason    TEXT NOT NULL DEFAULT '',
      at        INTEGER NOT NULL);
    CREATE TABLE points_objections(
      id          INTEGER PRIMARY KEY,
      entry_seq   INTEGER NOT NULL REFERENCES points_ledger(seq),
      resident_id INTEGER NOT NULL REFERENCES residents(id),
      reason      TEXT NOT NULL,
      at          INTEGER NOT NULL);
    CREATE INDEX points_objections_entry ON points_objections(entry_seq);
    CREATE TABLE points_resolutions(
      id           INTEGER PRIMARY KEY,
      objection_id INTEGER NOT NULL UNIQUE REFERENCES points_objections(id),
      outcome      TEXT NOT NULL CHECK (outcome IN ('upheld', 'dismissed')),
      reason       TEXT NOT NULL,
      staff_id     INTEGER NOT NULL REFERENCES staff(id),
      reversal_seq INTEGER REFERENCES points_ledger(seq),
      at           INTEGER NOT NULL);
    CREATE TABLE points_claims(
      id           INTEGER PRIMARY KEY,
      resident_id  INTEGER NOT NULL REFERENCES residents(id),
      household_id INTEGER NOT NULL REFERENCES households(id),
      rule_id      TEXT NOT NULL,
      note         TEXT NOT NULL DEFAULT '',
      at           INTEGER NOT NULL);
    CREATE TABLE points_claim_reviews(
      id        INTEGER PRIMARY KEY,
      claim_id  INTEGER NOT NULL UNIQUE REFERENCES points_claims(id),
      decision  TEXT NOT NULL CHECK (decision IN ('approved', 'refused')),
      staff_id  INTEGER NOT NULL REFERENCES staff(id),
      reason    TEXT NOT NULL DEFAULT '',
      entry_seq INTEGER REFERENCES points_ledger(seq),
      at        INTEGER NOT NULL);
    CREATE TABLE points_goods(
      id      INTEGER PRIMARY KEY,
      name_zh TEXT NOT NULL,
      name_en TEXT NOT NULL,
      price   INTEGER NOT NULL CHECK (price > 0),
      picture TEXT NOT NULL DEFAULT '',            -- path under assets/
      stock   INTEGER NOT NULL CHECK (stock >= 0)); -- kept in step with points_stock_moves
    CREATE TABLE points_stock_moves(
      id       INTEGER PRIMARY KEY,
      goods_id INTEGER NOT NULL REFERENCES points_goods(id),
      delta    INTEGER NOT NULL,
      reason   TEXT NOT NULL CHECK (reason IN ('added', 'restock', 'reserved', 'cancelled')),
      staff_id INTEGER REFERENCES staff(id),
      at       INTEGER NOT NULL);
    CREATE TABLE points_redemptions(
      id           INTEGER PRIMARY KEY,
      code         TEXT NOT NULL UNIQUE,
      goods_id     INTEGER NOT NULL REFERENCES points_goods(id),
      household_id INTEGER NOT NULL REFERENCES households(id),
      resident_id  INTEGER REFERENCES residents(id),
      entry_seq    INTEGER NOT NULL UNIQUE REFERENCES points_ledger(seq),
      at           INTEGER NOT NULL);
    CREATE TABLE points_redemption_events(
      id            INTEGER PRIMARY KEY,
      redemption_id INTEGER NOT NULL UNIQUE REFERENCES points_redemptions(id),  -- collected or cancelled, once
      kind          TEXT NOT NULL CHECK (kind IN ('collected', 'cancelled')),
      staff_id      INTEGER REFERENCES staff(id),
      reversal_seq  INTEGER REFERENCES points_ledger(seq),
      at            INTEGER NOT NULL);
    CREATE TABLE points_conflicts(
      id             INTEGER PRIMARY KEY,
      entry_seq      INTEGER NOT NULL UNIQUE REFERENCES points_ledger(seq),
      household_id   INTEGER NOT NULL REFERENCES households(id),
      balance_before INTEGER NOT NULL,
      at             INTEGER NOT NULL);
    -- Derived state, rebuilt from the tables above if ever in doubt.
    CREATE TABLE points_household_totals(
      household_id   INTEGER PRIMARY KEY REFERENCES households(id),
      grid_id        INTEGER NOT NULL REFERENCES grids(id),
      final_points   INTEGER NOT NULL DEFAULT 0,
      pending_points INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX points_household_rank ON points_household_totals(final_points);
    CREATE INDEX points_household_grid_rank ON points_household_totals(grid_id, final_points);
    CREATE TABLE points_resident_totals(
      resident_id    INTEGER PRIMARY KEY REFERENCES residents(id),
      final_points   INTEGER NOT NULL DEFAULT 0,
      pending_points INTEGER NOT NULL DEFAULT 0);
    -- Entries not final yet; due_at NULL while approval or an objection holds them.
    CREATE TABLE points_unsettled(
      entry_seq INTEGER PRIMARY KEY REFERENCES points_ledger(seq),
      due_at    INTEGER);
    CREATE INDEX points_unsettled_due ON points_unsettled(due_at) WHERE due_at IS NOT NULL;
  )sql");
  for (const char* t : {"points_ledger", "points_approvals", "points_objections", "points_resolutions",
                        "points_claims", "points_claim_reviews", "points_stock_moves", "points_redemptions",
                        "points_redemption_events", "points_conflicts"})
    append_only(db, t);
}

// Only to read the list's versions: using it is a bug.
class NoCipher final : public platform::PiiCipher {
 public:
  std::string encrypt(std::string_view) const override { throw platform::PiiCipherError("no PII key"); }
  std::string decrypt(std::string_view) const override { throw platform::PiiCipherError("no PII key"); }
  std::string blind_index(std::string_view) const override { throw platform::PiiCipherError("no PII key"); }
};

}  // namespace

// v7: sync with the township. The outbox holds every operation the kiosk must report, written
// in the same transaction as the change itself; rows are immutable (a later change is a new
// operation). seq is the device's own sequence, 1, 2, 3... Payloads may carry personal data
// (an escalation's form values) and are stored encrypted like other PII.
void v7_sync(db::Transaction& tx) {
  tx.db().exec(R"sql(
    CREATE TABLE outbox(
      seq         INTEGER PRIMARY KEY,
      op_id       TEXT NOT NULL UNIQUE,
      type        TEXT NOT NULL,
      payload     BLOB NOT NULL,
      device_time INTEGER NOT NULL);
    CREATE TRIGGER outbox_no_update BEFORE UPDATE ON outbox BEGIN SELECT RAISE(ABORT, 'outbox is append-only'); END;
    CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox BEGIN SELECT RAISE(ABORT, 'outbox is append-only'); END;
    -- Operations the township refused: quarantined for a clerk (retry as a new operation or discard).
    CREATE TABLE outbox_rejections(
      seq         INTEGER PRIMARY KEY REFERENCES outbox(seq),
      code        TEXT NOT NULL,
      message_zh  TEXT NOT NULL,
      at          INTEGER NOT NULL,
      resolution  TEXT CHECK (resolution IN ('retried', 'discarded')),
      resolved_by INTEGER REFERENCES staff(id),
      resolved_at INTEGER);
    CREATE TABLE sync_state(
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL);
    -- Every township change already applied: a re-download skips them and applies only what
    -- was missed; per-scope count and id sum are compared with the township's.
    CREATE TABLE sync_applied(
      change_id INTEGER PRIMARY KEY,
      scope     TEXT NOT NULL);
    -- Where the township and the village disagree: both versions, for staff to decide.
    CREATE TABLE sync_conflicts(
      id          INTEGER PRIMARY KEY,
      change_id   INTEGER NOT NULL,
      scope       TEXT NOT NULL,
      key         TEXT NOT NULL,
      reason      TEXT NOT NULL,
      local       TEXT NOT NULL,
      remote      TEXT NOT NULL,
      at          INTEGER NOT NULL,
      resolved_by INTEGER REFERENCES staff(id),
      resolved_at INTEGER,
      resolution  TEXT);
  )sql");
}

// v9: request event notes are encrypted like form values. Staff can type free text into them
// now (the pinyin keyboard), and a note may name people or carry a phone number. The
// plaintext column stays for old rows' shape but is emptied; note_cipher holds the text.
void v9_encrypt_event_notes(db::Transaction& tx, const platform::PiiCipher& cipher) {
  tx.db().exec(R"sql(
    ALTER TABLE request_events ADD COLUMN note_cipher BLOB;
    DROP TRIGGER request_events_append_only_u;
  )sql");
  std::vector<std::pair<std::int64_t, std::string>> notes;
  {
    auto s = tx.db().prepare("SELECT id, note FROM request_events WHERE note <> ''");
    while (s.step()) notes.emplace_back(s.column_int(0), s.column_text(1));
  }
  for (const auto& [id, note] : notes)
    tx.db().prepare("UPDATE request_events SET note = '', note_cipher = ?2 WHERE id = ?1")
        .bind(1, id).bind_blob(2, cipher.encrypt(note)).run();
  tx.db().exec(R"sql(
    CREATE TRIGGER request_events_append_only_u BEFORE UPDATE ON request_events
      BEGIN SELECT RAISE(ABORT, 'request events are append-only'); END;
  )sql");
}

// Sync errors were stored as Chinese sentences, so the English UI showed Chinese: keep only
// codes (the UI translates them). The township's reason text of a refused record goes (its
// code stays); the last round's Chinese text goes (its code stays; details come with the
// next failure).
void v11_error_codes(db::Transaction& tx) {
  tx.db().exec(R"sql(
    ALTER TABLE outbox_rejections DROP COLUMN message_zh;
    DELETE FROM sync_state WHERE key = 'last_error_zh';
  )sql");
}

// v13: the pickup-code lockout on disk, like the PIN lockout (v2): five wrong codes for one
// request number lock its look-ups for 15 minutes, and a restart must not hand a guesser fresh
// tries. Keyed by the number typed, which need not exist (unknown numbers and wrong codes get
// the same answer). A row exists only while there is something to remember.
void v13_track_lockouts(db::Transaction& tx) {
  tx.db().exec(R"sql(
    CREATE TABLE track_lockouts(
      number       TEXT PRIMARY KEY,
      failures     INTEGER NOT NULL,
      locked_until INTEGER NOT NULL);
  )sql");
}

// v14 (12 left unused, see schema.h): a kiosk that replaced another (USB enrollment with a
// replacement code, issue 19) keeps the operations its predecessor had sent, as the township returned them: the village's
// record stays whole on the new PC, and they are never sent again (they are not in the outbox,
// whose seq is this device's own). Payloads encrypted like the outbox's; append-only.
void v14_sync_history(db::Transaction& tx) {
  tx.db().exec(R"sql(
    CREATE TABLE sync_history(
      op_id       TEXT PRIMARY KEY,
      device_id   TEXT NOT NULL,
      seq         INTEGER NOT NULL,
      type        TEXT NOT NULL,
      payload     BLOB NOT NULL,
      device_time INTEGER NOT NULL,
      UNIQUE (device_id, seq));
    CREATE TRIGGER sync_history_no_update BEFORE UPDATE ON sync_history
      BEGIN SELECT RAISE(ABORT, 'sync history is append-only'); END;
    CREATE TRIGGER sync_history_no_delete BEFORE DELETE ON sync_history
      BEGIN SELECT RAISE(ABORT, 'sync history is append-only'); END;
  )sql");
}

std::vector<db::Migration> kiosk_migrations(const platform::PiiCipher& cipher) {
  return {
      {1, v1_village},
      {2, v2_pin_lockout},
      {3, v3_requests},
      {4, v4_audit},
      {5, [&cipher](db::Transaction& tx) { v5_encrypt_pii(tx, cipher); }, /*rebuilds_tables=*/true},
      {kPointsSchema, v6_points},
      {kSyncSchema, v7_sync},
      {kNoticesSchema, migrate_notices},
      {kEventNotesSchema, [&cipher](db::Transaction& tx) { v9_encrypt_event_notes(tx, cipher); }},
      {kRollSchema, migrate_roll},
      {kErrorCodesSchema, v11_error_codes},
      {kTrackLockoutSchema, v13_track_lockouts},
      {kSyncHistorySchema, v14_sync_history},
  };
}

int newest_schema_version() {
  static const NoCipher none;
  return kiosk_migrations(none).back().version;
}

std::string pii_key_check(const platform::PiiCipher& cipher) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : cipher.blind_index("vsk:pii-key-check")) {
    out += kHex[c >> 4];
    out += kHex[c & 0x0f];
  }
  return out;
}

}  // namespace vsk::store
