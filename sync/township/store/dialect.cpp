#include "sync/township/store/dialect.h"

namespace vsk::township {

std::string Dialect::in_scope(std::string_view column, int param) const {
  const std::string p = "$" + std::to_string(param);
  // The parameter stays in the statement so both variants bind the same values.
  if (forget_scope_filter) return "(CAST(" + p + " AS TEXT) IS NULL OR 1 = 1)";
  if (kind == Kind::kPostgres) return std::string(column) + " = ANY(CAST(" + p + " AS BIGINT[]))";
  return std::string(column) + " IN (SELECT value FROM json_each(" + p + "))";
}

std::string Dialect::scope_param(const Scope& s) const {
  const std::string list = s.township_list();
  return kind == Kind::kPostgres ? "{" + list + "}" : "[" + list + "]";
}

}  // namespace vsk::township
