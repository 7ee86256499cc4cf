#include "core/text_limits.h"

#include "core/catalog.h"
#include "core/text.h"

namespace vsk::core {

std::string trim_free_text(const std::string& text) {
  const auto blank = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  std::size_t a = 0, b = text.size();
  while (a < b && blank(text[a])) ++a;
  while (b > a && blank(text[b - 1])) --b;
  return text.substr(a, b - a);
}

std::optional<Message> check_free_text(const std::string& text, std::size_t max_chars, bool required) {
  if (!displayable_text(text)) return Message("text.err.bad_text");
  if (utf8_length(text) > max_chars) return Message("text.err.too_long").arg("max", std::to_string(max_chars));
  if (required && trim_free_text(text).empty()) return Message("text.err.empty");
  return std::nullopt;
}

}  // namespace vsk::core
