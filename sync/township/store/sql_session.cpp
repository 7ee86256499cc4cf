#include "sync/township/store/sql_session.h"

#include <charconv>

namespace vsk::township {
namespace {
const std::string kEmpty;
}

const std::string& SqlRow::text(int col) const {
  const auto& v = values_.at(static_cast<std::size_t>(col));
  return v ? *v : kEmpty;
}

std::int64_t SqlRow::integer(int col) const { return optional_integer(col).value_or(0); }

std::optional<std::int64_t> SqlRow::optional_integer(int col) const {
  const auto& v = values_.at(static_cast<std::size_t>(col));
  if (!v) return std::nullopt;
  std::int64_t out = 0;
  const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || end != v->data() + v->size())
    throw StoreError(StoreError::Kind::kOther, "column " + std::to_string(col) + " is not an integer: " + *v);
  return out;
}

}  // namespace vsk::township
