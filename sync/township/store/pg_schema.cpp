#include "sync/township/store/pg_schema.h"

#include "sync/township/store/schema_sql.h"

namespace vsk::township {
namespace {

// Row-level security: every tenant-owned row is visible, and writable, only inside a
// transaction whose `vsk.townships` setting (set by pg_backend for the caller's scope)
// names its township. `vsk.system` opens the authentication tables and the place tree for
// lookups before a tenant is known; it never opens operations, requests or the change log.
// FORCE applies the policies to the tables' owner too (the role the server connects as);
// only superusers and BYPASSRLS roles are not bound, and the server warns about those.
constexpr const char* kRowLevelSecurity = R"sql(
  CREATE FUNCTION vsk_townships() RETURNS BIGINT[] LANGUAGE sql STABLE AS
    $$ SELECT CAST(string_to_array(NULLIF(current_setting('vsk.townships', true), ''), ',') AS BIGINT[]) $$;
  CREATE FUNCTION vsk_system() RETURNS BOOLEAN LANGUAGE sql STABLE AS
    $$ SELECT COALESCE(current_setting('vsk.system', true), '') = 'on' $$;

  ALTER TABLE places ENABLE ROW LEVEL SECURITY;
  ALTER TABLE places FORCE ROW LEVEL SECURITY;
  CREATE POLICY places_scope ON places
    USING (vsk_system() OR township_id IS NULL OR township_id = ANY (vsk_townships()))
    WITH CHECK (vsk_system() OR (kind = 'village' AND township_id = ANY (vsk_townships())));

  ALTER TABLE enroll_codes ENABLE ROW LEVEL SECURITY;
  ALTER TABLE enroll_codes FORCE ROW LEVEL SECURITY;
  CREATE POLICY enroll_codes_scope ON enroll_codes
    USING (vsk_system() OR township_id = ANY (vsk_townships()))
    WITH CHECK (vsk_system() OR township_id = ANY (vsk_townships()));

  ALTER TABLE devices ENABLE ROW LEVEL SECURITY;
  ALTER TABLE devices FORCE ROW LEVEL SECURITY;
  CREATE POLICY devices_scope ON devices
    USING (vsk_system() OR township_id = ANY (vsk_townships()))
    WITH CHECK (vsk_system() OR township_id = ANY (vsk_townships()));

  ALTER TABLE admin_tokens ENABLE ROW LEVEL SECURITY;
  ALTER TABLE admin_tokens FORCE ROW LEVEL SECURITY;
  CREATE POLICY admin_tokens_scope ON admin_tokens
    USING (vsk_system() OR township_id = ANY (vsk_townships()))
    WITH CHECK (vsk_system() OR township_id = ANY (vsk_townships()));

  ALTER TABLE ops ENABLE ROW LEVEL SECURITY;
  ALTER TABLE ops FORCE ROW LEVEL SECURITY;
  CREATE POLICY ops_scope ON ops
    USING (township_id = ANY (vsk_townships())) WITH CHECK (township_id = ANY (vsk_townships()));

  ALTER TABLE requests ENABLE ROW LEVEL SECURITY;
  ALTER TABLE requests FORCE ROW LEVEL SECURITY;
  CREATE POLICY requests_scope ON requests
    USING (township_id = ANY (vsk_townships())) WITH CHECK (township_id = ANY (vsk_townships()));

  ALTER TABLE changes ENABLE ROW LEVEL SECURITY;
  ALTER TABLE changes FORCE ROW LEVEL SECURITY;
  CREATE POLICY changes_scope ON changes
    USING (township_id = ANY (vsk_townships())) WITH CHECK (township_id = ANY (vsk_townships()));

  ALTER TABLE change_heads ENABLE ROW LEVEL SECURITY;
  ALTER TABLE change_heads FORCE ROW LEVEL SECURITY;
  CREATE POLICY change_heads_scope ON change_heads
    USING (township_id = ANY (vsk_townships())) WITH CHECK (township_id = ANY (vsk_townships()));
)sql";

constexpr const char* kImmutableOps = R"sql(
  CREATE FUNCTION vsk_ops_immutable() RETURNS trigger LANGUAGE plpgsql AS
    $$ BEGIN RAISE EXCEPTION 'ops are immutable'; END $$;
  CREATE TRIGGER ops_no_change BEFORE UPDATE OR DELETE ON ops
    FOR EACH ROW EXECUTE FUNCTION vsk_ops_immutable();
)sql";

// Row-level security for a table only its own township's transactions see (no lookup scope).
std::string tenant_only(const std::string& table) {
  return "ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY; ALTER TABLE " + table +
         " FORCE ROW LEVEL SECURITY; CREATE POLICY " + table + "_scope ON " + table +
         " USING (township_id = ANY (vsk_townships())) WITH CHECK (township_id = ANY (vsk_townships()));";
}

void v1_township(pg::Transaction& tx) {
  auto& c = tx.conn();
  // The tree and the tenant tables are filled with the scope settings open (the defaults
  // below are operator work); policies come last.
  c.exec(schema::places_ddl(Dialect::Kind::kPostgres));
  c.exec(schema::default_places_sql());
  c.exec(schema::tenant_tables_ddl());
  c.exec(kImmutableOps);
  c.exec(kRowLevelSecurity);
}

void v2_heartbeats(pg::Transaction& tx) {
  auto& c = tx.conn();
  c.exec(schema::heartbeats_ddl());
  c.exec(R"sql(
    ALTER TABLE heartbeats ENABLE ROW LEVEL SECURITY;
    ALTER TABLE heartbeats FORCE ROW LEVEL SECURITY;
    CREATE POLICY heartbeats_scope ON heartbeats
      USING (township_id = ANY (vsk_townships())) WITH CHECK (township_id = ANY (vsk_townships()));
  )sql");
}

// Staff accounts, sessions, the server audit log (issue 12). Users and sessions open to the
// lookup scope (a login comes before its township is known); the audit log never does.
constexpr const char* kAccountsSecurity = R"sql(
  CREATE FUNCTION vsk_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
    $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
  CREATE TRIGGER server_audit_no_change BEFORE UPDATE OR DELETE ON server_audit
    FOR EACH ROW EXECUTE FUNCTION vsk_audit_append_only();

  ALTER TABLE users ENABLE ROW LEVEL SECURITY;
  ALTER TABLE users FORCE ROW LEVEL SECURITY;
  CREATE POLICY users_scope ON users
    USING (vsk_system() OR township_id = ANY (vsk_townships()))
    WITH CHECK (vsk_system() OR township_id = ANY (vsk_townships()));

  ALTER TABLE web_sessions ENABLE ROW LEVEL SECURITY;
  ALTER TABLE web_sessions FORCE ROW LEVEL SECURITY;
  CREATE POLICY web_sessions_scope ON web_sessions
    USING (vsk_system() OR township_id = ANY (vsk_townships()))
    WITH CHECK (vsk_system() OR township_id = ANY (vsk_townships()));

  ALTER TABLE server_audit ENABLE ROW LEVEL SECURITY;
  ALTER TABLE server_audit FORCE ROW LEVEL SECURITY;
  CREATE POLICY server_audit_scope ON server_audit
    USING (township_id = ANY (vsk_townships())) WITH CHECK (township_id = ANY (vsk_townships()));

  ALTER TABLE server_audit_heads ENABLE ROW LEVEL SECURITY;
  ALTER TABLE server_audit_heads FORCE ROW LEVEL SECURITY;
  CREATE POLICY server_audit_heads_scope ON server_audit_heads
    USING (township_id = ANY (vsk_townships())) WITH CHECK (township_id = ANY (vsk_townships()));
)sql";

void v3_accounts(pg::Transaction& tx) {
  tx.conn().exec(schema::accounts_ddl(Dialect::Kind::kPostgres));
  tx.conn().exec(schema::dashboard_indexes_ddl());
  tx.conn().exec(kAccountsSecurity);
}

void v4_callbacks(pg::Transaction& tx) { tx.conn().exec(schema::callbacks_ddl()); }

// A replacement code names the kiosk the new one takes over from (issue 19, USB replacement).
void v5_replacement_codes(pg::Transaction& tx) { tx.conn().exec(schema::replacement_codes_ddl()); }

// The villages' newest notice publication per category (issue 12, notice cadence).
void v6_notice_publications(pg::Transaction& tx) {
  tx.conn().exec(schema::notice_publications_ddl());
  tx.conn().exec(tenant_only("notice_publications"));
}

// The last USB bundle imported per kiosk, for 终端状态 (issue 12 with issue 19).
void v7_usb_exchanges(pg::Transaction& tx) {
  tx.conn().exec(schema::usb_exchanges_ddl());
  tx.conn().exec(tenant_only("usb_exchanges"));
}

}  // namespace

std::vector<pg::Migration> pg_migrations() {
  return {{1, v1_township}, {2, v2_heartbeats}, {3, v3_accounts}, {4, v4_callbacks}, {5, v5_replacement_codes},
          {6, v6_notice_publications}, {7, v7_usb_exchanges}};
}

}  // namespace vsk::township
