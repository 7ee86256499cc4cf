// The only way JSON from outside is parsed on either end of sync: size and nesting are checked
// before nlohmann builds anything (see core/json_nesting.h for why nesting matters).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/json_nesting.h"
#include "sync/protocol/envelope.h"

namespace vsk::sync {

// The parsed value, or nullopt with `error` saying why ("not JSON", "nested deeper than 64
// levels", "larger than N bytes").
std::optional<nlohmann::json> parse_bounded_json(std::string_view text, std::string* error,
                                                 std::size_t max_bytes = kMaxJsonBytes,
                                                 int max_nesting = core::kMaxJsonNesting);

}  // namespace vsk::sync
