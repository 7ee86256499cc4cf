// Binding SqlParams to, and reading SqlRows from, a backend's own statement type
// (db::Statement or pg::Statement: the same bind/step/column shape).
#pragma once

#include "sync/township/store/sql_session.h"

namespace vsk::township {

template <typename Statement>
void bind_params(Statement& s, SqlParams params) {
  int i = 1;
  for (const SqlParam& p : params) {
    switch (p.kind()) {
      case SqlParam::Kind::kNull: s.bind_null(i); break;
      case SqlParam::Kind::kInt: s.bind(i, p.integer()); break;
      case SqlParam::Kind::kText: s.bind(i, p.text()); break;
    }
    ++i;
  }
}

template <typename Statement>
SqlRows collect_rows(Statement& s) {
  SqlRows rows;
  while (s.step()) {
    const int n = s.column_count();
    std::vector<std::optional<std::string>> values;
    values.reserve(static_cast<std::size_t>(n));
    for (int c = 0; c < n; ++c) values.push_back(s.column_optional_text(c));
    rows.emplace_back(std::move(values));
  }
  return rows;
}

}  // namespace vsk::township
