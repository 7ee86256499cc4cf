#include "sync/township/store/scope.h"

namespace vsk::township {

bool Scope::reaches(std::int64_t township_id) const {
  for (const auto t : townships)
    if (t == township_id) return true;
  return false;
}

std::string Scope::township_list() const {
  std::string out;
  for (const auto t : townships) out += (out.empty() ? "" : ",") + std::to_string(t);
  return out;
}

}  // namespace vsk::township
