// How long each free-text field may be, in characters (code points: a Chinese character counts
// one), and the one check every typed value passes before it is stored. The keyboard stops
// typing at the limit; this check also catches values that came in another way (a phrase
// added to typed text, an older value reopened).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "core/message.h"

namespace vsk::core {

inline constexpr std::size_t kMaxReasonChars = 200;       // objection, resolution, refusal, award, staff note
inline constexpr std::size_t kMaxOpinionChars = 200;      // a resident's opinion on a notice
inline constexpr std::size_t kMaxNoticeTitleChars = 40;
inline constexpr std::size_t kMaxNoticeBodyChars = 2000;
inline constexpr std::size_t kMaxFinanceItemChars = 30;   // one row of a finance notice

// nullopt when `text` may be stored: displayable (core/text.h), at most `max_chars`, and not
// blank when `required`. Errors: text.err.empty, text.err.too_long {max}, text.err.bad_text.
std::optional<Message> check_free_text(const std::string& text, std::size_t max_chars, bool required);

// `text` without leading and trailing spaces / newlines.
std::string trim_free_text(const std::string& text);

}  // namespace vsk::core
