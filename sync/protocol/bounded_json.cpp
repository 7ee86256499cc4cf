#include "sync/protocol/bounded_json.h"

namespace vsk::sync {

std::optional<nlohmann::json> parse_bounded_json(std::string_view text, std::string* error, std::size_t max_bytes,
                                                 int max_nesting) {
  auto refuse = [error](std::string why) -> std::optional<nlohmann::json> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  if (text.size() > max_bytes) return refuse("larger than " + std::to_string(max_bytes) + " bytes");
  if (!core::json_nesting_within(text, max_nesting))
    return refuse("nested deeper than " + std::to_string(max_nesting) + " levels");
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return refuse("not JSON");
  return j;
}

}  // namespace vsk::sync
