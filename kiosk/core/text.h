// Checks on text typed by people before it is stored or shown.
#pragma once

#include <string_view>

namespace vsk::core {

// Well-formed UTF-8: no stray continuation bytes, no overlong forms, no surrogates.
bool valid_utf8(std::string_view s);

// Text the kiosk can store and show as typed: valid UTF-8, no control characters (C0, DEL,
// C1; a newline is fine), and only Basic Multilingual Plane characters — the kiosk's fonts
// have no emoji, so they would show as boxes.
bool displayable_text(std::string_view s);

}  // namespace vsk::core
