// Elder-friendly access, on every screen's header.
#pragma once

#include <string>
#include <variant>

namespace vsk::app {

struct ReadAloud {  // again while speaking: stop
  std::string text;  // the screen's main text; the shell fills it from the frame drawn
};
struct ToggleLargeMode {};  // 长辈模式 on / off; off again when the session ends

using AccessAction = std::variant<ReadAloud, ToggleLargeMode>;

}  // namespace vsk::app
