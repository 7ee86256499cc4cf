// How deeply a JSON text nests arrays and objects, read without parsing it.
//
// Why: nlohmann's parser is iterative, but copying, dumping and comparing a value recurse once
// per level, so a document of 100,000 '[' (a few hundred KB, validly signed) overflows the
// stack of whoever touches it next. Every JSON that comes from outside (sync messages, bundles,
// admin API bodies, township documents, files a clerk may edit) is checked with this first.
#pragma once

#include <cstddef>
#include <string_view>

namespace vsk::core {

// Deep enough for every real message (a catalog is 6 levels, a push with a request form 5);
// shallow enough that the recursive walks use a few KB of stack.
inline constexpr int kMaxJsonNesting = 64;

// The deepest nesting of [ and { in `text`, outside strings; stops counting at `limit` + 1, so
// the scan is one pass without allocation. Text that is not JSON gives some number: the parser
// that runs afterwards refuses it.
int json_nesting_depth(std::string_view text, int limit = kMaxJsonNesting);

inline bool json_nesting_within(std::string_view text, int limit = kMaxJsonNesting) {
  return json_nesting_depth(text, limit) <= limit;
}

}  // namespace vsk::core
