// A transaction of the township's stores: a backend session, the caller's scope and the
// dialect. Store write functions take a Tx& so they cannot run outside one.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "sync/township/store/dialect.h"
#include "sync/township/store/scope.h"
#include "sync/township/store/sql_session.h"

namespace vsk::township {

class Tx {
 public:
  Tx(std::unique_ptr<SqlSession> session, Scope scope, const Dialect& dialect)
      : session_(std::move(session)), scope_(std::move(scope)), dialect_(&dialect),
        scope_param_(dialect.scope_param(scope_)) {}

  const Scope& scope() const { return scope_; }
  const Dialect& dialect() const { return *dialect_; }
  // The value of the parameter that Dialect::in_scope() names.
  const std::string& scope_param() const { return scope_param_; }

  SqlRows query(std::string_view sql, std::initializer_list<SqlParam> params = {}) {
    return session_->query(sql, {params.begin(), params.size()});
  }
  std::optional<SqlRow> query_one(std::string_view sql, std::initializer_list<SqlParam> params = {});
  std::int64_t exec(std::string_view sql, std::initializer_list<SqlParam> params = {}) {
    return session_->exec(sql, {params.begin(), params.size()});
  }
  // The same with parameters made at run time.
  SqlRows query_params(std::string_view sql, SqlParams params) { return session_->query(sql, params); }
  std::int64_t exec_params(std::string_view sql, SqlParams params) { return session_->exec(sql, params); }
  void commit() { session_->commit(); }

 private:
  std::unique_ptr<SqlSession> session_;
  Scope scope_;
  const Dialect* dialect_;
  std::string scope_param_;
};

inline std::optional<SqlRow> Tx::query_one(std::string_view sql, std::initializer_list<SqlParam> params) {
  auto rows = session_->query(sql, {params.begin(), params.size()});
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

}  // namespace vsk::township
