// One free-text field as the keyboard page opens it (see text_entry.h): what is in it now,
// how long it may get and the question shown above the keyboard.
#pragma once

#include <cstddef>
#include <string>

namespace vsk::app {

struct TextField {
  std::string value;        // the field's current text: typing continues it
  std::size_t max_length;   // characters (core/text_limits.h)
  std::string prompt_key;   // translation key of the question on the keyboard page
};

}  // namespace vsk::app
