#include "sync/township/store/sqlite_schema.h"

#include "sync/township/store/schema_sql.h"

namespace vsk::township {
namespace {

void v1_township(db::Transaction& tx) {
  tx.db().exec(R"sql(
    CREATE TABLE villages(
      id   INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE);
    CREATE TABLE enroll_codes(
      code_hash  TEXT PRIMARY KEY,
      village_id INTEGER NOT NULL REFERENCES villages(id),
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      used_by    TEXT,
      used_at    INTEGER);
    CREATE TABLE devices(
      id               TEXT PRIMARY KEY,
      village_id       INTEGER NOT NULL REFERENCES villages(id),
      public_key       TEXT NOT NULL UNIQUE,
      name             TEXT NOT NULL DEFAULT '',
      enrolled_at      INTEGER NOT NULL,
      revoked_at       INTEGER,
      last_counter     INTEGER NOT NULL DEFAULT 0,
      acked_seq        INTEGER NOT NULL DEFAULT 0,
      last_contact     INTEGER,
      clock_skew_s     INTEGER,
      pending_reported INTEGER NOT NULL DEFAULT 0,
      reply_counter    INTEGER NOT NULL DEFAULT 0,
      resync_scope     TEXT);
    CREATE TABLE ops(
      device_id   TEXT NOT NULL REFERENCES devices(id),
      seq         INTEGER NOT NULL,
      op_id       TEXT NOT NULL UNIQUE,
      type        TEXT NOT NULL,
      payload     TEXT NOT NULL,
      device_time INTEGER NOT NULL,
      received_at INTEGER NOT NULL,
      outcome     TEXT NOT NULL CHECK (outcome IN ('accepted', 'rejected')),
      code        TEXT NOT NULL DEFAULT '',
      message_zh  TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (device_id, seq));
    CREATE TRIGGER ops_no_update BEFORE UPDATE ON ops BEGIN SELECT RAISE(ABORT, 'ops are immutable'); END;
    CREATE TRIGGER ops_no_delete BEFORE DELETE ON ops BEGIN SELECT RAISE(ABORT, 'ops are immutable'); END;
    CREATE TABLE requests(
      village_id INTEGER NOT NULL REFERENCES villages(id),
      number     TEXT NOT NULL,
      service_id TEXT NOT NULL,
      status     TEXT NOT NULL,
      department TEXT NOT NULL DEFAULT '',
      detail     TEXT NOT NULL DEFAULT '{}',
      last_seq   INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (village_id, number));
    CREATE INDEX requests_status ON requests(status);
    CREATE TABLE changes(
      id         INTEGER PRIMARY KEY AUTOINCREMENT,
      village_id INTEGER REFERENCES villages(id),
      scope      TEXT NOT NULL,
      kind       TEXT NOT NULL,
      key        TEXT NOT NULL,
      payload    TEXT NOT NULL,
      at         INTEGER NOT NULL);
    CREATE INDEX changes_village ON changes(village_id, id);
    CREATE TABLE admin_tokens(
      token_hash TEXT PRIMARY KEY,
      label      TEXT NOT NULL,
      created_at INTEGER NOT NULL);
  )sql");
}

// The one-township file moves into the tree: its villages keep their ids under a county
// 本县 and a township 本镇 (rename them with `place rename`), and every row gets that
// township as its owner. Change ids are kept, so every kiosk's cursor stays valid.
void v2_places(db::Transaction& tx) {
  auto& db = tx.db();
  db.exec(R"sql(
    DROP INDEX requests_status;
    DROP INDEX changes_village;
    ALTER TABLE enroll_codes RENAME TO enroll_codes_v1;
    ALTER TABLE devices RENAME TO devices_v1;
    ALTER TABLE ops RENAME TO ops_v1;
    ALTER TABLE requests RENAME TO requests_v1;
    ALTER TABLE changes RENAME TO changes_v1;
    ALTER TABLE admin_tokens RENAME TO admin_tokens_v1;
  )sql");
  db.exec(schema::places_ddl(Dialect::Kind::kSqlite));
  db.exec(R"sql(
    INSERT INTO places(id, parent_id, kind, name, township_id) SELECT id, NULL, 'village', name, NULL FROM villages;
  )sql");
  db.exec(schema::default_places_sql());
  db.exec(R"sql(
    UPDATE places SET parent_id = (SELECT id FROM places WHERE kind = 'township'),
                      township_id = (SELECT id FROM places WHERE kind = 'township')
      WHERE kind = 'village';
  )sql");
  db.exec(schema::tenant_tables_ddl());
  db.exec(R"sql(
    CREATE TEMP TABLE the_township AS SELECT id FROM places WHERE kind = 'township';
    INSERT INTO enroll_codes SELECT code_hash, (SELECT id FROM the_township), village_id, created_at, expires_at,
      used_by, used_at FROM enroll_codes_v1;
    INSERT INTO devices SELECT id, (SELECT id FROM the_township), village_id, public_key, name, enrolled_at,
      revoked_at, last_counter, acked_seq, last_contact, clock_skew_s, pending_reported, reply_counter, resync_scope
      FROM devices_v1;
    INSERT INTO ops SELECT (SELECT id FROM the_township), device_id, seq, op_id, type, payload, device_time,
      received_at, outcome, code, message_zh FROM ops_v1;
    INSERT INTO requests SELECT (SELECT id FROM the_township), village_id, number, service_id, status, department,
      detail, last_seq, updated_at FROM requests_v1;
    INSERT INTO changes SELECT (SELECT id FROM the_township), id, village_id, scope, kind, key, payload, at
      FROM changes_v1;
    INSERT INTO change_heads SELECT id, (SELECT COALESCE(MAX(id), 0) FROM changes_v1) FROM the_township;
    INSERT INTO admin_tokens SELECT token_hash, (SELECT id FROM the_township), (SELECT id FROM the_township), label,
      created_at FROM admin_tokens_v1;
    DROP TABLE the_township;
    DROP TABLE ops_v1;
    DROP TABLE enroll_codes_v1;
    DROP TABLE requests_v1;
    DROP TABLE changes_v1;
    DROP TABLE admin_tokens_v1;
    DROP TABLE devices_v1;
    DROP TABLE villages;
    CREATE TRIGGER ops_no_update BEFORE UPDATE ON ops BEGIN SELECT RAISE(ABORT, 'ops are immutable'); END;
    CREATE TRIGGER ops_no_delete BEFORE DELETE ON ops BEGIN SELECT RAISE(ABORT, 'ops are immutable'); END;
  )sql");
}

void v3_heartbeats(db::Transaction& tx) { tx.db().exec(schema::heartbeats_ddl()); }

// Staff accounts, sessions, the server audit log (issue 12): new tables only.
void v4_accounts(db::Transaction& tx) {
  tx.db().exec(schema::accounts_ddl(Dialect::Kind::kSqlite));
  tx.db().exec(schema::dashboard_indexes_ddl());
  tx.db().exec(R"sql(
    CREATE TRIGGER server_audit_no_update BEFORE UPDATE ON server_audit
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER server_audit_no_delete BEFORE DELETE ON server_audit
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  )sql");
}

void v5_callbacks(db::Transaction& tx) { tx.db().exec(schema::callbacks_ddl()); }

// A replacement code names the kiosk the new one takes over from (issue 19, USB replacement).
void v6_replacement_codes(db::Transaction& tx) { tx.db().exec(schema::replacement_codes_ddl()); }

// The villages' newest notice publication per category (issue 12, notice cadence).
void v7_notice_publications(db::Transaction& tx) { tx.db().exec(schema::notice_publications_ddl()); }

// The last USB bundle imported per kiosk, for 终端状态 (issue 12 with issue 19).
void v8_usb_exchanges(db::Transaction& tx) { tx.db().exec(schema::usb_exchanges_ddl()); }

}  // namespace

std::vector<db::Migration> sqlite_migrations() {
  return {{1, v1_township}, {2, v2_places, /*rebuilds_tables=*/true}, {3, v3_heartbeats}, {4, v4_accounts},
          {5, v5_callbacks}, {6, v6_replacement_codes}, {7, v7_notice_publications},
          {8, v8_usb_exchanges}};
}

}  // namespace vsk::township
