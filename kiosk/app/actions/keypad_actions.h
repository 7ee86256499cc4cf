// The on-screen keypad (and a physical keyboard's digits): ID numbers, PINs, staff numbers,
// pickup codes, amounts. Submit goes to the flow whose screen shows the keypad.
#pragma once

#include <variant>

namespace vsk::app {

struct Key {
  char c = 0;  // '0'..'9' or 'X'
};
struct Backspace {};
struct Clear {};
struct Submit {};

using KeypadAction = std::variant<Key, Backspace, Clear, Submit>;

}  // namespace vsk::app
