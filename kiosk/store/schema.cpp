#include "store/schema.h"

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

}  // namespace

const std::vector<db::Migration>& kiosk_migrations() {
  static const std::vector<db::Migration> kMigrations = {
      {1, v1_village},
      {2, v2_pin_lockout},
      {3, v3_requests},
  };
  return kMigrations;
}

}  // namespace vsk::store
