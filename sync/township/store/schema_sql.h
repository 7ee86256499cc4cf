// The township schema's tables, written once for both backends. Only the places' id column
// differs (SQLite's INTEGER PRIMARY KEY rowid alias, PostgreSQL's identity column); BIGINT
// and TEXT mean the same in both. Backend-only parts (SQLite's upgrade from schema v1,
// PostgreSQL's row-level security and triggers) live in sqlite_schema.cpp and pg_schema.cpp.
#pragma once

#include <string>

#include "sync/township/store/dialect.h"

namespace vsk::township::schema {

// The place tree: CREATE TABLE places and its indexes.
std::string places_ddl(Dialect::Kind kind);
// Every tenant-owned table (each row carries its township_id) and their indexes.
std::string tenant_tables_ddl();
// Kiosk heartbeats (schema v3 on SQLite, v2 on PostgreSQL): every one received, per device.
std::string heartbeats_ddl();
// A county and a township for a new database, named 本县 and 本镇 until renamed
// (township-server place rename): a one-township server needs no setup at all.
std::string default_places_sql();
// Township staff accounts (issue 12): users and their roles, browser sessions, the server's
// hash-chained audit log, and per-user admin API tokens. Tenant-owned like the rest.
// Users' id column differs by backend as the places' does.
std::string accounts_ddl(Dialect::Kind kind);
// Indexes the dashboard's per-village figures read (store/dashboard_store.h).
std::string dashboard_indexes_ddl();
// requests.callback_at: the 差评 call-backs the villages report (好差评 page).
std::string callbacks_ddl();
// Replacement codes (issue 19): an enrollment code may name the kiosk the new one replaces.
std::string replacement_codes_ddl();
// The villages' 村务公开 as the township sees it (notice.published operations and its own
// notices): the newest publication per village and category, for the overview's cadence alert.
std::string notice_publications_ddl();
// The last USB bundle imported per kiosk (usb_exchange_store.h).
std::string usb_exchanges_ddl();

}  // namespace vsk::township::schema
