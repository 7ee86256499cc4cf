// The few places where SQLite's and PostgreSQL's SQL differ, so that every store writes a
// statement once. Everything else (ON CONFLICT, RETURNING, CASE, COALESCE, LIMIT $n) is
// portable between SQLite 3.40 and PostgreSQL 15.
#pragma once

#include <string>
#include <string_view>

#include "sync/township/store/scope.h"

namespace vsk::township {

struct Dialect {
  enum class Kind { kSqlite, kPostgres };
  Kind kind = Kind::kSqlite;
  // Test-only: the hook that makes every store "forget" its tenant filter, to prove that
  // PostgreSQL's row-level security alone keeps townships apart.
  bool forget_scope_filter = false;

  // A condition: `column` is one of the townships of the transaction's scope, bound as
  // parameter `param` (Tx::scope_param()).
  std::string in_scope(std::string_view column, int param) const;
  // The scope as that parameter's value: "{3,4}" for PostgreSQL, "[3,4]" for SQLite.
  std::string scope_param(const Scope& s) const;
  // Appended to a SELECT that the transaction will update: PostgreSQL locks the rows
  // (SQLite's write transactions are serial already).
  std::string_view for_update() const { return kind == Kind::kPostgres ? " FOR UPDATE" : ""; }
};

}  // namespace vsk::township
